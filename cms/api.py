"""The portal's JSON API (django-ninja): one NinjaAPI, one router per app, one OpenAPI schema."""

from ninja import NinjaAPI

from reports.api import router as reports_router
from search.api import router as search_router
from services.api import router as services_router

api = NinjaAPI(
    title="API Cổng thông tin điện tử Công an Thành phố",
    version="1.0",
    description="Tìm kiếm nội dung công khai, dịch vụ công trực tuyến và tiếp nhận phản ánh, tố giác.",
    urls_namespace="api",
)
api.add_router("/search", search_router)
api.add_router("/", services_router)
api.add_router("/", reports_router)
