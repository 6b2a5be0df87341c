"""Shared by every test folder: this folder is on sys.path, so ``live_repo`` can be imported."""
