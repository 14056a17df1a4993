"""DTI Desktop: theo dõi chỉ tiêu chuyển đổi số của đơn vị, ngoại tuyến."""

__version__ = "0.1.0"
APP_NAME = "DTI Desktop"
