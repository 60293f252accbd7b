"""Dân Vận Số: a commune's plan for dân vận chính quyền and dân chủ ở cơ sở, as working software."""

__version__ = "0.1.0"
