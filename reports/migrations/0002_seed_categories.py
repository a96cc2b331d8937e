"""The four fixed top-level categories the department's statistics are kept by."""

from django.db import migrations

TOP = [
    ("an-ninh-chinh-tri", "An ninh chính trị"),
    ("toi-pham-hinh-su", "Tội phạm hình sự"),
    ("te-nan-xa-hoi", "Tệ nạn xã hội"),
    ("khac", "Khác"),
]


def seed(apps, schema_editor):
    ReportCategory = apps.get_model("reports", "ReportCategory")
    for order, (code, name) in enumerate(TOP, start=1):
        ReportCategory.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order, "parent": None})


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
