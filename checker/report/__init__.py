"""Report: the typed audit result and one writer module per output format."""
