"""Pure rules on plain values: no database, no UI, no clock."""
