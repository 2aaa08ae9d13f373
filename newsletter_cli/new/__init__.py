"""`nl new` and `nl init`: the questions, the prompts, the interview and a new workspace."""
