"""Helpers the tests share: AppTest page openers, hand-made warehouse rows, a write lock
held by a second process, the CDNOW export."""
