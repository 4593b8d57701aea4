"""Accounts: educators, young people, admins; sign-in and passwords."""
