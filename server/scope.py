"""What a member of staff may see and change: the city (everything), one district (the centers
of that district), or one center. Every admin page asks the logged-in person's Scope, never
the role name, so a new rule is written here once.

Kiosks of no center (the city view, or enrolled before centers existed) belong to the city.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, true


class Role(str, enum.Enum):
    CITY = "city"  # a city admin: every center, every account
    DISTRICT = "district"  # a district admin: the centers of one district
    CENTER = "center"  # center staff or a digital guide: one center


@dataclass(frozen=True)
class Scope:
    role: Role
    district: str | None = None  # DISTRICT: theirs; CENTER: their center's (for roll-ups)
    center: str | None = None  # CENTER only

    @classmethod
    def city(cls) -> "Scope":
        return cls(Role.CITY)

    @property
    def is_city(self) -> bool:
        return self.role is Role.CITY

    def sees_center(self, center: str | None, district: str | None) -> bool:
        """A center (by id, with its district; None: a kiosk of no center)."""
        if self.role is Role.CITY:
            return True
        if center is None:
            return False
        if self.role is Role.DISTRICT:
            return district is not None and district == self.district
        return center == self.center

    def sees_district(self, district: str) -> bool:
        return self.role is Role.CITY or (self.role is Role.DISTRICT and district == self.district)

    def center_filter(self, center_column, district_column) -> ColumnElement[bool]:
        """The same rule as ``sees_center`` as SQL, for queries over centers or kiosks
        (``district_column`` is the center's district, e.g. from a join on centers)."""
        if self.role is Role.CITY:
            return true()
        if self.role is Role.DISTRICT:
            return district_column == self.district if self.district else false()
        return center_column == self.center if self.center else false()

    def may_manage(self, role: Role, district: str | None, center: str | None, center_district: str | None) -> bool:
        """May this person create, change or remove an account of ``role`` there? The city
        manages everyone; a district admin manages the center staff of its district; center
        staff manage no accounts."""
        if self.role is Role.CITY:
            return True
        if self.role is Role.DISTRICT:
            return role is Role.CENTER and center is not None and center_district == self.district
        return False
