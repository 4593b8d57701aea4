"""Groups: a class, club or association, its educators, members and consent."""
