"""Payments: the cart, paying once, receipts, voids and refunds."""
