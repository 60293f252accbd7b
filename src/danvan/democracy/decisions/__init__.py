"""Village decisions (bàn và quyết định, Luật THDCCS 2022 Điều 15–23): the household register, decisions
taken at a meeting, by household ballot or online, the outcome and its document."""
