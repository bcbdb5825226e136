"""One module of strings per page: each defines `STRINGS = {key: (简体中文, English)}`.

`cockpit.ui.i18n` merges every module here into the catalogue; a key defined twice is an
error, so pages cannot silently overwrite each other's words. Prefix keys with the page key.
"""
