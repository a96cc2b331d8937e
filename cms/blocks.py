"""StreamField blocks shared by articles and standard pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4", "blockquote"]


class ImageWithCaptionBlock(blocks.StructBlock):
    """A photo inside an article, with the caption and credit Vietnamese newsrooms print."""

    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(required=False, label=_("Chú thích"))
    attribution = blocks.CharBlock(required=False, label=_("Nguồn ảnh"))

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "blocks/image_with_caption.html"


class QuoteBlock(blocks.StructBlock):
    """A pull quote with the person quoted."""

    text = blocks.TextBlock(label=_("Trích dẫn"))
    author = blocks.CharBlock(required=False, label=_("Người phát biểu"))

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a downloadable document (decision, form, report)."""

    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(required=False, label=_("Tên hiển thị"))

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "blocks/document_link.html"


class KeyFigureBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Nội dung"))
    number = blocks.DecimalBlock(label=_("Con số"), decimal_places=2)
    unit = blocks.CharBlock(required=False, label=_("Đơn vị"))


class KeyFiguresBlock(blocks.StructBlock):
    """Headline numbers of a report, shown large: "28.320 tin báo"."""

    title = blocks.CharBlock(required=False, label=_("Tiêu đề"))
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Số liệu"))

    class Meta:
        icon = "table"
        label = _("Số liệu nổi bật")
        template = "blocks/key_figures.html"


class BodyBlock(blocks.StreamBlock):
    """The body of an article or a standard page."""

    heading = blocks.CharBlock(form_classname="title", label=_("Tiêu đề mục"), template="blocks/heading.html")
    paragraph = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Đoạn văn"))
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Nhúng (video, bài đăng)"), template="blocks/embed.html")
    document = DocumentLinkBlock()
    key_figures = KeyFiguresBlock()
