"""Qt widgets, models, wizard and dialogs: a thin layer over criteria_library and tender_assistant."""
