from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("phan-anh-to-giac/", views.report_form, name="form"),
    path("phan-anh-to-giac/theo-doi/", views.follow_up, name="follow_up"),
    path("phan-anh-to-giac/thong-ke/", views.public_stats, name="stats"),
]
