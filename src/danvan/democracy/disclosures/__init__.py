"""The disclosure register (công khai thông tin, Luật THDCCS 2022 Điều 11–13): the Điều 11 catalogue,
publishing, correcting, withdrawing, the compliance review."""
