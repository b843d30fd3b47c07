from django.dispatch import Signal

# Sent inside the transaction of every review move, with `revision`: what readers
# see of its topic may have changed (the search index listens).
review_status_changed = Signal()
