"""The student's profile (stub: being built)."""

from __future__ import annotations

# Every field a profile may hold; scenarios may only reference these as {profile.x}.
FIELDS = (
    "curp", "nss", "email", "names", "first_surname", "second_surname", "postal_code",
    "institution", "has_other_insurance", "nss_from_employer", "student_id", "phone",
)
