"""Claim-by-claim checks of the paper."""
