"""The schema's Python face. The tables themselves are made by db/migrations."""
from __future__ import annotations

from peewee import (
    BooleanField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

VISIT_STATUSES = ("done", "planned", "tentative", "no_show", "cancelled")
OUTCOMES = (
    "booked", "no_answer", "left_message", "callback", "declined", "wrong_number",
    "do_not_contact",
)
CHANNELS = ("call", "sms", "whatsapp", "telegram", "viber", "email", "vk", "visit", "other")


class BaseModel(Model):
    class Meta:
        database = None  # bound per book by bind()
        legacy_table_names = False


class Setting(BaseModel):
    key = TextField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "settings"


class Master(BaseModel):
    name = TextField(unique=True)
    phone = TextField(null=True)
    active = BooleanField(default=True)
    working_hours = TextField(default="")  # clientbook.domain.hours' weekly pattern; empty: default

    class Meta:
        table_name = "masters"


class Service(BaseModel):
    name = TextField(unique=True)
    category = TextField()  # the service "track": nails, colour, lashes...
    default_interval_days = IntegerField(null=True)
    price_cents = IntegerField(null=True)
    duration_min = IntegerField(null=True)
    active = BooleanField(default=True)

    class Meta:
        table_name = "services"


class Reason(BaseModel):
    code = TextField(unique=True)
    name = TextField()
    name_ru = TextField(default="")
    builtin = BooleanField(default=False)
    active = BooleanField(default=True)

    class Meta:
        table_name = "reasons"


class Client(BaseModel):
    external_id = TextField(null=True, unique=True)  # the studio's own id
    first_name = TextField(default="")
    last_name = TextField(default="")
    patronymic = TextField(default="")
    gender = TextField(null=True)  # "f", "m"; NULL: as the name tells
    address_as = TextField(default="")  # "Анна", "Анна Сергеевна"
    phone = TextField(null=True)  # E.164
    phone_alt = TextField(null=True)
    email = TextField(null=True)
    messengers = TextField(default="{}")  # JSON: {"telegram": "@anna", ...}
    preferred_channel = TextField(null=True)
    backup_channel = TextField(null=True)
    birth_day = IntegerField(null=True)
    birth_month = IntegerField(null=True)
    birth_year = IntegerField(null=True)  # optional: many clients give day and month only
    source = TextField(null=True)
    referred_by = ForeignKeyField("self", null=True, backref="referrals", on_delete="SET NULL")
    preferred_master = ForeignKeyField(Master, null=True, on_delete="SET NULL")
    consent_reminders = BooleanField(default=True)
    consent_offers = BooleanField(default=False)
    contact_frequency = TextField(default="")
    do_not_contact = BooleanField(default=False)
    alerts = TextField(default="")  # allergies, health, contraindications: shown first
    expectations = TextField(default="")
    notes = TextField(default="")
    interval_override_days = IntegerField(null=True)
    pushes_for_discounts = BooleanField(default=False)  # won back once by a discount: later offers see it
    created_at = DateTimeField()
    updated_at = DateTimeField()
    archived_at = DateTimeField(null=True)

    class Meta:
        table_name = "clients"


class Tag(BaseModel):
    name = TextField(unique=True)

    class Meta:
        table_name = "tags"


class ClientTag(BaseModel):
    client = ForeignKeyField(Client, on_delete="CASCADE")
    tag = ForeignKeyField(Tag, on_delete="CASCADE")

    class Meta:
        table_name = "client_tags"
        primary_key = CompositeKey("client", "tag")
        without_rowid = True


class Preference(BaseModel):
    client = ForeignKeyField(Client, backref="preferences", on_delete="CASCADE")
    topic = TextField(default="")  # talk or quiet, pressure, drink, music, product line
    text = TextField()
    created_at = DateTimeField()

    class Meta:
        table_name = "preferences"


class TalkingPoint(BaseModel):
    client = ForeignKeyField(Client, backref="talking_points", on_delete="CASCADE")
    text = TextField()
    noted_on = DateField()
    ask_next_time = BooleanField(default=False)
    asked_at = DateTimeField(null=True)  # retired once asked
    answer = TextField(default="")  # what the client said when asked

    class Meta:
        table_name = "talking_points"


class Visit(BaseModel):
    client = ForeignKeyField(Client, backref="visits", on_delete="CASCADE")
    starts_at = DateTimeField()
    master = ForeignKeyField(Master, null=True, on_delete="SET NULL")
    status = TextField(default="done")  # one of VISIT_STATUSES
    price_cents = IntegerField(null=True)
    duration_min = IntegerField(null=True)
    notes = TextField(default="")
    formula = TextField(default="")
    materials = TextField(default="")  # and settings: curl, length, diameter
    liked = TextField(default="")
    disliked = TextField(default="")
    aftercare = TextField(default="")
    products_sold = TextField(default="")
    next_suggestion = TextField(default="")  # "correction in three weeks"
    satisfaction = IntegerField(null=True)  # 1..5
    feedback = TextField(default="")
    created_at = DateTimeField()

    class Meta:
        table_name = "visits"


class VisitService(BaseModel):
    visit = ForeignKeyField(Visit, backref="services", on_delete="CASCADE")
    service = ForeignKeyField(Service, on_delete="RESTRICT")
    price_cents = IntegerField(null=True)

    class Meta:
        table_name = "visit_services"
        primary_key = CompositeKey("visit", "service")
        without_rowid = True


class Contact(BaseModel):
    """One entry of the call log: every contact leaves a trace."""

    client = ForeignKeyField(Client, backref="contacts", on_delete="CASCADE")
    at = DateTimeField()
    channel = TextField(default="call")  # one of CHANNELS
    outcome = TextField()  # one of OUTCOMES
    reason = ForeignKeyField(Reason, null=True, on_delete="RESTRICT")
    suspected_reason = ForeignKeyField(
        Reason, null=True, on_delete="RESTRICT", backref="suspected_in"
    )
    callback_on = DateField(null=True)
    would_return = TextField(default="")  # what would bring them back
    offer = TextField(default="")  # the offer made («только для вас…»)
    note = TextField(default="")
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")  # the booking it made

    class Meta:
        table_name = "contacts"


class Complaint(BaseModel):
    client = ForeignKeyField(Client, backref="complaints", on_delete="CASCADE")
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
    opened_on = DateField()
    text = TextField()
    resolution = TextField(default="")
    resolved_on = DateField(null=True)

    class Meta:
        table_name = "complaints"


class Course(BaseModel):
    """A course of procedures (абонемент), possibly a gift bought by someone else."""

    client = ForeignKeyField(Client, backref="courses", on_delete="CASCADE")
    title = TextField()
    sessions_total = IntegerField()
    sessions_used = IntegerField(default=0)
    valid_until = DateField(null=True)
    bought_by = ForeignKeyField(Client, null=True, on_delete="SET NULL", backref="gifts")

    class Meta:
        table_name = "courses"


class ClientSearch(BaseModel):
    client = ForeignKeyField(Client, primary_key=True, on_delete="CASCADE")
    name_key = TextField()
    doc = TextField()
    phones = TextField()

    class Meta:
        table_name = "client_search"


MODELS = [
    Setting, Master, Service, Reason, Client, Tag, ClientTag, Preference, TalkingPoint,
    Visit, VisitService, Contact, Complaint, Course, ClientSearch,
]


def bind(database) -> None:
    database.bind(MODELS, bind_refs=False, bind_backrefs=False)
