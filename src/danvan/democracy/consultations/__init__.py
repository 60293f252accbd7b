"""Consultations (Nhân dân tham gia ý kiến, Luật THDCCS 2022 Điều 25–26): questions, residents' comments
(moderated), groups and the conclusion."""
