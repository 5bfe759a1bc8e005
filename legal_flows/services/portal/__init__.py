"""The portal's users and what it shows them."""
