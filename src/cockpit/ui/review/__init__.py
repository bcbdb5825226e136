"""The Weekly review page's UI: the week picker and the page's sections."""
