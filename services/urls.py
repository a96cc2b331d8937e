from django.urls import path

from services import views

app_name = "services"

urlpatterns = [
    path("tra-cuu-ho-so/", views.tracking_view, name="tracking"),
    path("tra-cuu-ho-so/<str:code>/", views.tracking_detail_view, name="tracking_detail"),
    path("ho-so/<str:code>/bien-nhan/", views.receipt_view, name="receipt"),
    path("ho-so/tep/<int:pk>/", views.file_view, name="file"),
    path("dich-vu-cong-dia-ban/<int:province_code>/", views.wards_view, name="wards"),
]
