"""The rights of each person over their data: export, deletion, rectification, own agreement."""
