"""Pages saved while the admin's JavaScript filled slugs with its own rendering of Vietnamese
titles ("cnh-bao-la-djo-qua-mng-…") get the portal's ASCII slug; old addresses redirect."""

from django.db import migrations


def repair(apps, schema_editor):
    from cms.pages import repair_page_slugs

    repair_page_slugs(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0003_legal_documents'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailredirects', '0008_add_verbose_name_plural'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
