"""A user's data scope: the sales regions or stores whose orders they may see."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Regions and stores a user is limited to. Both empty: unscoped (sees everything).
    An order is in scope when its region is one of `regions` or its store one of `stores`."""

    regions: tuple[str, ...] = ()
    stores: tuple[str, ...] = ()

    @property
    def unscoped(self) -> bool:
        return not self.regions and not self.stores


EVERYTHING = Scope()
