"""The Import page (导入数据): upload an order export, correct the detected column mapping, read
the validation report of a dry run, confirm, and the import history with undo.

`review` checks an upload without writing anything (plain Python, testable without Streamlit);
`worker` runs `python -m cockpit import` in a subprocess, the only writer; `sections` and
`jobs` draw the page.
"""
