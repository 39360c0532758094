"""The words demo cases are made of: people's names (accented ones on purpose, so search and
printing meet them), places, narratives, evidence and the outside agencies a case involves.

Everything here is invented; no name belongs to a real person or case.
"""

from __future__ import annotations

from incident_desk.domain.enums import AllegationType, EvidenceSource, LocationType


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    """
    José Zoë Søren María Luis Ana Chloé Björn Renée Noël Jürgen François Aoife Siobhán
    Tomás Inés Raúl Marisol Ángel Óscar Rubén Joaquín Ramón Zoltán Łukasz Dmitri Ngozi
    Thành DeShawn Tyrone Michael James Robert David William Richard Joseph Thomas
    Christopher Daniel Matthew Anthony Mark Steven Kevin Brian Jason Ryan Jacob Eric
    Justin Brandon Samuel Marcus Jerome Darnell Jamal Malik Terrell Andre Cody Dustin
    Travis Wesley Bobby Earl Hector Patricia Jennifer Linda Elizabeth Barbara Susan
    Jessica Sarah Karen Lisa Ashley Kimberly Emily Michelle Amanda Melissa Stephanie
    Rebecca Laura Angela Brenda Nicole Samantha Rachel Heather Tamika Crystal
    """
)

LAST_NAMES = _words(
    """
    Nuñez Álvarez García Martínez Rodríguez Hernández López González Pérez Sánchez
    Ramírez Gutiérrez Chávez Peña Jiménez Vásquez Muñoz Müller Schröder Søndergaard
    Lefèvre Dvořák Björklund Øvergaard O'Brien O'Connor McAllister Nguyễn Smith Johnson
    Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson
    Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King
    Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips
    Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers Morgan
    Cooper Bailey Reed Howard Ward Brooks Watson Bennett Gray Hughes Price Sanders
    Foster Kowalski Nowak Okafor Adeyemi Haddad Yılmaz Tran Pham Kim
    """
)

# The handful of demo staff: (display name, title); they hold disabled accounts.
STAFF_NAMES = (
    "Sgt. Renée Castillo",
    "Officer Søren Lindqvist",
    "Nurse Zoë Whitaker",
    "Warden Harold Pike",
    "Sgt. Marcus Bell",
    "Officer Inés Navarro",
    "Nurse Gregory Oduya",
    "Warden Ellen Marsh",
    "Sgt. Tomás Ferreira",
    "Officer Dana Whitfield",
    "Nurse Aoife Brennan",
    "Warden Carl Jessup",
    "Sgt. Priya Raman",
    "Officer Caleb Ortiz",
    "Nurse Marta Kowalczyk",
    "Warden Lena Booker",
)
INVESTIGATOR_NAMES = ("Inv. José Nuñez", "Inv. Claire Dubois", "Inv. Raymond Okoro")

# Two demo facilities added beside the installation's own, so numbering and need-to-know
# can be seen across facilities.
DEMO_FACILITIES = (
    ("CRC", "Cedar Ridge Correctional Center"),
    ("LWF", "Lakeview Women's Facility"),
)

# (name, agency, title) of people from outside the facility who enter scenes, hold
# evidence or are notified.
OUTSIDE_CONTACTS = (
    ("Det. Sgt. Øyvind Hale", "State Police Post 4", "Detective Sergeant"),
    ("Trooper Angela Ruíz", "State Police Post 4", "Trooper"),
    ("Trooper Ben Castellanos", "State Police Post 12", "Trooper"),
    ("Chloé Martin", "Bluegrass Rape Crisis Center", "Victim advocate"),
    ("Dorothy Kimani", "Bluegrass Rape Crisis Center", "Victim advocate"),
    ("Dr. Nils Åberg", "State Police Forensic Laboratory", "Forensic scientist"),
    ("Rosa Delgado, SANE-A", "University Hospital", "Sexual assault nurse examiner"),
)
POLICE, ADVOCATES, LAB, EXAMINER = (0, 1, 2), (3, 4), (5,), (6,)

OTHER_FACILITIES = (
    ("Eastern Regional Jail", "Jailer Martha Quinn"),
    ("Blackburn Correctional Complex", "Warden Luis Ybarra"),
    ("Marion County Detention Center", "Jailer Frank Osei"),
    ("Western State Penitentiary", "Warden Joan Lévesque"),
)

HOUSING_UNITS = tuple(f"{unit} {n}" for unit in ("Dorm", "Unit", "Cell block") for n in range(1, 7))

LOCATIONS: dict[LocationType, tuple[str, ...]] = {
    LocationType.CELL: ("Cell 14, Unit B", "Cell 3, Cell block 6", "Cell 22, Unit D"),
    LocationType.SHOWER: ("Dorm 4, shower", "Unit A shower room", "Gym showers"),
    LocationType.DAYROOM: ("Unit C dayroom", "Dorm 2 dayroom"),
    LocationType.DORMITORY: ("Dorm 1, bunk 37", "Dorm 3, back row"),
    LocationType.YARD: ("Recreation yard, north fence", "Yard B, behind the weight pile"),
    LocationType.KITCHEN: ("Kitchen dry storage", "Dish room"),
    LocationType.WORKPLACE: ("Laundry", "Print shop", "Maintenance garage"),
    LocationType.MEDICAL: ("Infirmary exam room 2",),
    LocationType.OFFICE: ("Unit B case manager's office", "Chaplain's office"),
    LocationType.VEHICLE: ("Transport van 7",),
    LocationType.VISITING: ("Visiting room restroom",),
    LocationType.UNKNOWN: ("Not known yet",),
}

NARRATIVES: dict[AllegationType, tuple[str, ...]] = {
    AllegationType.OFFENDER_NONCONSENSUAL_SEXUAL_ACTS: (
        "Offender told the unit officer at count that his cellmate forced him into sex acts.",
        "Reported through the hotline that another offender assaulted her in the shower.",
        "Offender came to the officer's station crying and said he had been raped after lockdown.",
    ),
    AllegationType.OFFENDER_ABUSIVE_SEXUAL_CONTACT: (
        "Offender reported being groped by another offender while standing in the chow line.",
        "Written grievance: another offender touched him through his clothing in the dayroom.",
    ),
    AllegationType.OFFENDER_SEXUAL_HARASSMENT: (
        "Offender reported repeated sexual comments and gestures from a neighbour on the tier.",
        "Third party (family member) called: her son receives sexual notes from another offender.",
    ),
    AllegationType.STAFF_SEXUAL_MISCONDUCT: (
        "Offender alleged a staff member had sexual contact with her in the laundry storeroom.",
        "Anonymous note said an officer trades contraband for sexual acts on night shift.",
    ),
    AllegationType.STAFF_SEXUAL_HARASSMENT: (
        "Offender reported an officer makes sexual remarks during pat searches.",
        "Offender's written statement: a contractor repeatedly asked her for sexual favours.",
    ),
}

EVIDENCE: tuple[tuple[str, EvidenceSource], ...] = (
    ("Bed sheet from the lower bunk", EvidenceSource.SCENE),
    ("Clean sheet the victim undressed over", EvidenceSource.CLEAN_SHEET),
    ("Victim's shirt and trousers", EvidenceSource.CLOTHING),
    ("Alleged perpetrator's underwear", EvidenceSource.CLOTHING),
    ("Towel found on the shower floor", EvidenceSource.SCENE),
    ("Handwritten note left in the cell", EvidenceSource.SCENE),
    ("Fingernail scrapings taken at the hospital", EvidenceSource.PERSON),
    ("Surveillance video copy on a sealed USB drive", EvidenceSource.OTHER),
)
EVIDENCE_PURPOSES = (
    "Placed in the evidence locker",
    "Taken for review by the investigator",
    "Sent to the laboratory for analysis",
    "Returned from the laboratory to the locker",
)
