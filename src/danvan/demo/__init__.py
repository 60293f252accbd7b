"""Demo data: Xã Tà Đùng (Lâm Đồng) with its units, villages and one account per role."""
