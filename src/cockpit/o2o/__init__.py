"""O2O: stores as experience centres, their pull on online sales, and the customer funnel."""
