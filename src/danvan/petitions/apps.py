from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = "Đơn thư: phản ánh, kiến nghị, khiếu nại, tố cáo"
