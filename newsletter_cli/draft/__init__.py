"""The draft: its format and model, reading and saving files, the workspace, finding drafts."""
