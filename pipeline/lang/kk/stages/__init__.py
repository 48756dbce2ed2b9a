"""Kazakh's own stages (the generic ones in pipeline/stages/ ask the language pack for what they need)."""
