"""The data model: vocabularies, periods, records, speeds, formatting, field checks and the coordinate encoding."""
