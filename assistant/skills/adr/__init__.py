"""Architecture decision records: the team's log on disk (log.py); drafting comes with the skill."""
