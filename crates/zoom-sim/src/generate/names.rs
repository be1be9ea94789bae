//! Word lists for the account generator. Invented data only: no real people, and company
//! domains under the reserved `.example` top-level domain (RFC 2606).

pub(crate) const FIRST_NAMES: &[&str] = &[
    "Aaliyah",
    "Aaron",
    "Abigail",
    "Adam",
    "Adrian",
    "Aisha",
    "Alejandro",
    "Alex",
    "Alice",
    "Amara",
    "Amelia",
    "Ana",
    "Andrea",
    "Andrew",
    "Anna",
    "Arjun",
    "Ava",
    "Beatriz",
    "Ben",
    "Bianca",
    "Carlos",
    "Caroline",
    "Chen",
    "Chloe",
    "Chris",
    "Claire",
    "Daniel",
    "David",
    "Diana",
    "Diego",
    "Dmitri",
    "Elena",
    "Eli",
    "Elif",
    "Emily",
    "Emma",
    "Ethan",
    "Fatima",
    "Felix",
    "Fiona",
    "Gabriel",
    "Grace",
    "Hana",
    "Hannah",
    "Hiro",
    "Ian",
    "Ingrid",
    "Isaac",
    "Isabella",
    "Ivan",
    "Jack",
    "James",
    "Jasmine",
    "Javier",
    "Jill",
    "Joao",
    "Jonas",
    "Jordan",
    "Julia",
    "Kai",
    "Karen",
    "Kenji",
    "Laila",
    "Lars",
    "Laura",
    "Leila",
    "Leo",
    "Liam",
    "Lina",
    "Lucas",
    "Lucia",
    "Maria",
    "Mark",
    "Marta",
    "Mateo",
    "Maya",
    "Mei",
    "Mia",
    "Michael",
    "Mohammed",
    "Nadia",
    "Naomi",
    "Nathan",
    "Nia",
    "Noah",
    "Nora",
    "Oliver",
    "Olivia",
    "Omar",
    "Oscar",
    "Paul",
    "Priya",
    "Rafael",
    "Rahul",
    "Rebecca",
    "Ricardo",
    "Rosa",
    "Ryan",
    "Sakura",
    "Samuel",
    "Sara",
    "Sebastian",
    "Sofia",
    "Sophie",
    "Stefan",
    "Tariq",
    "Thomas",
    "Tomas",
    "Valentina",
    "Victor",
    "Wei",
    "William",
    "Yara",
    "Yusuf",
    "Zara",
    "Zoe",
];

pub(crate) const LAST_NAMES: &[&str] = &[
    "Abbott",
    "Adeyemi",
    "Almeida",
    "Andersen",
    "Bauer",
    "Becker",
    "Bennett",
    "Bianchi",
    "Brooks",
    "Campbell",
    "Castillo",
    "Chen",
    "Chill",
    "Clarke",
    "Costa",
    "Cruz",
    "Dubois",
    "Duarte",
    "Edwards",
    "Eriksson",
    "Evans",
    "Fernandes",
    "Fischer",
    "Fontaine",
    "Garcia",
    "Gonzalez",
    "Gupta",
    "Hansen",
    "Harris",
    "Hoffmann",
    "Hughes",
    "Ibrahim",
    "Ito",
    "Jensen",
    "Johansson",
    "Kaur",
    "Keller",
    "Khan",
    "Kim",
    "Kowalski",
    "Kumar",
    "Larsen",
    "Laurent",
    "Lee",
    "Lindqvist",
    "Lopez",
    "Marino",
    "Martin",
    "Mendes",
    "Meyer",
    "Moreau",
    "Morris",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Nielsen",
    "Novak",
    "Okafor",
    "Olsen",
    "Ortiz",
    "Park",
    "Patel",
    "Perez",
    "Petrov",
    "Popescu",
    "Quinn",
    "Ramirez",
    "Reyes",
    "Ricci",
    "Rivera",
    "Roberts",
    "Rossi",
    "Sato",
    "Schmidt",
    "Schneider",
    "Shah",
    "Silva",
    "Singh",
    "Sorensen",
    "Suzuki",
    "Tanaka",
    "Taylor",
    "Thompson",
    "Torres",
    "Tran",
    "Turner",
    "Vargas",
    "Vogel",
    "Wagner",
    "Walker",
    "Wang",
    "Weber",
    "Williams",
    "Wong",
    "Wright",
    "Yamamoto",
    "Yilmaz",
    "Young",
    "Zhang",
    "Zimmermann",
];

/// (company name, e-mail domain)
pub(crate) const COMPANIES: &[(&str, &str)] = &[
    ("Northwind Traders", "northwind.example"),
    ("Contoso Manufacturing", "contoso.example"),
    ("Fabrikam Health", "fabrikam.example"),
    ("Tailspin Logistics", "tailspin.example"),
    ("Woodgrove Financial", "woodgrove.example"),
    ("Litware Labs", "litware.example"),
    ("Adatum Systems", "adatum.example"),
    ("Proseware Media", "proseware.example"),
];

/// (department, job titles in it)
pub(crate) const DEPARTMENTS: &[(&str, &[&str])] = &[
    (
        "Engineering",
        &[
            "Software Engineer",
            "Senior Software Engineer",
            "Staff Engineer",
            "Engineering Manager",
            "QA Engineer",
        ],
    ),
    (
        "Product",
        &[
            "Product Manager",
            "Senior Product Manager",
            "Product Designer",
            "UX Researcher",
        ],
    ),
    (
        "Sales",
        &[
            "Account Executive",
            "Sales Development Representative",
            "Sales Manager",
            "Solutions Engineer",
        ],
    ),
    (
        "Marketing",
        &[
            "Marketing Manager",
            "Content Strategist",
            "Growth Marketer",
            "Brand Designer",
        ],
    ),
    (
        "Customer Support",
        &[
            "Support Specialist",
            "Support Team Lead",
            "Customer Success Manager",
        ],
    ),
    (
        "Finance",
        &[
            "Financial Analyst",
            "Accountant",
            "Controller",
            "Payroll Specialist",
        ],
    ),
    (
        "Human Resources",
        &[
            "HR Business Partner",
            "Recruiter",
            "People Operations Specialist",
        ],
    ),
    (
        "IT",
        &[
            "IT Administrator",
            "Systems Engineer",
            "Help Desk Technician",
            "Security Analyst",
        ],
    ),
    (
        "Legal",
        &["Corporate Counsel", "Paralegal", "Compliance Officer"],
    ),
    (
        "Operations",
        &[
            "Operations Manager",
            "Facilities Coordinator",
            "Office Manager",
        ],
    ),
    (
        "Executive",
        &[
            "Chief Executive Officer",
            "Chief Operating Officer",
            "Chief Technology Officer",
            "Executive Assistant",
        ],
    ),
];

/// (city, ISO country, dial code, IANA time zone, Zoom language tag)
pub(crate) const LOCATIONS: &[(&str, &str, &str, &str, &str)] = &[
    ("San Jose", "US", "+1", "America/Los_Angeles", "en-US"),
    ("Seattle", "US", "+1", "America/Los_Angeles", "en-US"),
    ("Denver", "US", "+1", "America/Denver", "en-US"),
    ("Chicago", "US", "+1", "America/Chicago", "en-US"),
    ("New York", "US", "+1", "America/New_York", "en-US"),
    ("Austin", "US", "+1", "America/Chicago", "en-US"),
    ("Toronto", "CA", "+1", "America/Toronto", "en-US"),
    ("Sao Paulo", "BR", "+55", "America/Sao_Paulo", "pt-PT"),
    ("London", "GB", "+44", "Europe/London", "en-US"),
    ("Dublin", "IE", "+353", "Europe/Dublin", "en-US"),
    ("Paris", "FR", "+33", "Europe/Paris", "fr-FR"),
    ("Berlin", "DE", "+49", "Europe/Berlin", "de-DE"),
    ("Madrid", "ES", "+34", "Europe/Madrid", "es-ES"),
    ("Stockholm", "SE", "+46", "Europe/Stockholm", "en-US"),
    ("Bangalore", "IN", "+91", "Asia/Kolkata", "en-US"),
    ("Singapore", "SG", "+65", "Asia/Singapore", "en-US"),
    ("Tokyo", "JP", "+81", "Asia/Tokyo", "jp-JP"),
    ("Shanghai", "CN", "+86", "Asia/Shanghai", "zh-CN"),
    ("Sydney", "AU", "+61", "Australia/Sydney", "en-US"),
];

/// `City (CC)` of each of [`LOCATIONS`], in the same order: participants' `location`.
pub(crate) const LOCATION_LABELS: &[&str] = &[
    "San Jose (US)",
    "Seattle (US)",
    "Denver (US)",
    "Chicago (US)",
    "New York (US)",
    "Austin (US)",
    "Toronto (CA)",
    "Sao Paulo (BR)",
    "London (GB)",
    "Dublin (IE)",
    "Paris (FR)",
    "Berlin (DE)",
    "Madrid (ES)",
    "Stockholm (SE)",
    "Bangalore (IN)",
    "Singapore (SG)",
    "Tokyo (JP)",
    "Shanghai (CN)",
    "Sydney (AU)",
];

pub(crate) const GROUP_NAMES: &[&str] = &[
    "All Staff",
    "Engineering",
    "Sales",
    "Customer Support",
    "EMEA",
    "APAC",
    "Contractors",
    "Leadership",
    "Webinar Hosts",
    "Large Meeting Hosts",
];

/// (name, description) of the account's custom roles.
pub(crate) const CUSTOM_ROLES: &[(&str, &str)] = &[
    (
        "Help Desk",
        "Can view and update users for first-line support",
    ),
    ("Billing Admin", "Manages billing and subscriptions"),
    ("Auditor", "Read-only access to users, reports and settings"),
];

/// Purposes of the account's API-only service users (login type 99).
pub(crate) const SERVICE_ACCOUNTS: &[&str] = &[
    "recording-sync",
    "scheduler",
    "lms-integration",
    "crm-bridge",
    "reporting",
    "provisioning",
];

pub(crate) const PRONOUNS: &[&str] = &["she/her", "he/him", "they/them"];

/// (platform suffix, weight) of `last_client_version`.
pub(crate) const CLIENT_PLATFORMS: &[(&str, u32)] = &[
    ("win", 48),
    ("mac", 30),
    ("ios", 8),
    ("android", 7),
    ("linux", 4),
    ("web", 3),
];

/// Zoom Workplace client versions as `major.minor.patch.build`.
pub(crate) const CLIENT_VERSIONS: &[&str] = &[
    "5.17.11.34827",
    "6.0.2.37566",
    "6.1.1.41705",
    "6.1.11.45501",
    "6.2.0.46690",
    "6.2.5.48365",
    "6.2.11.52390",
    "6.3.1.53921",
    "6.3.6.56144",
    "6.4.0.58417",
];

/// Office sites for Zoom Rooms locations: (site code, city, state or region, country name,
/// index into [`LOCATIONS`] of the city, for its time zone and dial code).
pub(crate) const SITES: &[(&str, &str, &str, &str, usize)] = &[
    ("SJC", "San Jose", "California", "United States", 0),
    ("NYC", "New York", "New York", "United States", 4),
    ("LON", "London", "England", "United Kingdom", 8),
    ("SEA", "Seattle", "Washington", "United States", 1),
    ("BER", "Berlin", "Berlin", "Germany", 11),
    ("SIN", "Singapore", "Central Region", "Singapore", 15),
    ("AUS", "Austin", "Texas", "United States", 5),
    ("TYO", "Tokyo", "Tokyo", "Japan", 16),
    ("SYD", "Sydney", "New South Wales", "Australia", 18),
    ("TOR", "Toronto", "Ontario", "Canada", 6),
];

/// Names of meeting rooms.
pub(crate) const ROOM_NAMES: &[&str] = &[
    "Orion",
    "Atlas",
    "Everest",
    "Kilimanjaro",
    "Cedar",
    "Maple",
    "Redwood",
    "Sequoia",
    "Summit",
    "Harbor",
    "Lighthouse",
    "Aurora",
    "Boardroom",
    "Huddle",
    "Phoenix",
    "Vega",
    "Andromeda",
    "Lyra",
    "Juniper",
    "Willow",
    "Granite",
    "Basalt",
    "Horizon",
    "Meridian",
    "Compass",
    "Quarry",
    "Canyon",
    "Glacier",
    "Tundra",
    "Savanna",
];

/// Calendar-only resources (not Zoom Rooms): bookable spaces without Zoom hardware.
pub(crate) const CALENDAR_ONLY_RESOURCES: &[&str] = &[
    "Phone Booth",
    "Training Room",
    "Quiet Room",
    "Wellness Room",
    "Project Room",
    "Interview Room",
    "Lab Bench",
    "Focus Pod",
];

/// Zoom Rooms computers: (manufacturer, model, `device_system`, `ZDM` `platform_os`, whether the
/// device is an Android appliance rather than a PC).
pub(crate) const ROOM_COMPUTERS: &[(&str, &str, &str, &str, bool)] = &[
    ("Dell", "OptiPlex 7090 Micro", "Win 10", "win", false),
    ("Dell", "OptiPlex 7010 Micro", "Win 11", "win", false),
    ("Lenovo", "ThinkSmart Core", "Win 11", "win", false),
    (
        "HP",
        "Elite Slice G2",
        "Win10 Build 19045.4291",
        "win",
        false,
    ),
    ("Apple", "Macmini9,1", "macOS 14.5", "mac", false),
    ("Apple", "Mac14,3", "macOS 13.6.7", "mac", false),
    ("Neat", "Neat Bar", "Android 12", "android", true),
    ("Poly", "Studio X50", "Android 10", "android", true),
    ("Yealink", "MeetingBar A30", "Android 13", "android", true),
];

/// Zoom Rooms controllers and scheduling displays: (manufacturer, model, `device_system`,
/// `platform_os`).
pub(crate) const ROOM_TABLETS: &[(&str, &str, &str, &str)] = &[
    ("Apple", "iPad (9th generation)", "iPadOS 17.4", "ipad"),
    (
        "Apple",
        "iPad Air (5th generation)",
        "iPadOS 16.7.8",
        "ipad",
    ),
    ("Neat", "Neat Pad", "Android 12", "android"),
    ("Logitech", "Tap IP", "Android 12", "android"),
    ("Poly", "TC8", "Android 9", "android"),
    ("Lenovo", "ThinkSmart Controller", "Android 11", "android"),
    ("Crestron", "TSS-1070", "Android 11", "android"),
];

/// Zoom Rooms app versions as `major.minor.patch (build)`.
pub(crate) const ROOM_APP_VERSIONS: &[&str] = &[
    "5.17.5 (3482)",
    "6.0.10 (4182)",
    "6.1.5 (4390)",
    "6.2.0 (4512)",
    "6.2.6 (4640)",
    "6.3.0 (4823)",
];

/// H.323/SIP endpoints: (vendor model, protocol is SIP).
pub(crate) const H323_MODELS: &[(&str, bool)] = &[
    ("Polycom HDX 8000", false),
    ("Polycom Group 500", false),
    ("Cisco SX80", true),
    ("Cisco Webex Room Kit", true),
    ("Tandberg C40", false),
    ("Lifesize Icon 600", true),
    ("Avaya XT5000", false),
];

/// Zoom Phone appliances (ZDM device type 5): (vendor, model).
pub(crate) const PHONE_APPLIANCES: &[(&str, &str)] = &[
    ("Poly", "VVX 450"),
    ("Poly", "CCX 600"),
    ("Yealink", "T54W"),
    ("Yealink", "T57W"),
    ("Cisco", "MPP 8851"),
    ("AudioCodes", "C450HD"),
];

/// Meeting topics of scheduled (non-PMI) meetings.
pub(crate) const MEETING_TOPICS: &[&str] = &[
    "Weekly Sync",
    "Sprint Planning",
    "Design Review",
    "1:1",
    "All Hands",
    "Customer Call",
    "Quarterly Business Review",
    "Standup",
    "Interview",
    "Vendor Demo",
    "Incident Review",
    "Budget Planning",
    "Onboarding",
    "Office Hours",
];

/// Laptop models of users: (`device` wire value, `os`, OS versions, model prefix of PC names).
pub(crate) const LAPTOP_MODELS: &[(&str, &str, &[&str])] = &[
    (
        "Windows",
        "Windows",
        &["10.0.19045", "10.0.22621", "10.0.22631"],
    ),
    ("Mac", "Mac", &["13.6.7", "14.5", "14.6.1", "15.1"]),
];

/// Phones of users: (`device` wire value, `os`, OS versions, `device_name`s).
pub(crate) const PHONE_MODELS: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "iOS",
        "iOS",
        &["16.7.8", "17.4.1", "17.5.1", "18.0"],
        &["iPhone 13", "iPhone 14", "iPhone 15 Pro", "iPhone SE"],
    ),
    (
        "Android",
        "Android",
        &["12", "13", "14"],
        &["Pixel 7", "Galaxy S23", "Galaxy A54", "Pixel 8 Pro"],
    ),
];

/// (microphone, speaker, camera) names reported by Zoom clients.
pub(crate) const AUDIO_VIDEO_WINDOWS: &[(&str, &str, &str)] = &[
    (
        "Microphone Array (Realtek(R) Audio)",
        "Speakers (Realtek(R) Audio)",
        "Integrated Camera",
    ),
    (
        "Headset Microphone (Jabra Evolve2 65)",
        "Headset Earphone (Jabra Evolve2 65)",
        "Logitech BRIO",
    ),
    (
        "Microphone (2- High Definition Audio Device)",
        "Speakers (2- High Definition Audio Device)",
        "HD Webcam",
    ),
];

pub(crate) const AUDIO_VIDEO_MAC: &[(&str, &str, &str)] = &[
    (
        "MacBook Pro Microphone",
        "MacBook Pro Speakers",
        "FaceTime HD Camera",
    ),
    ("AirPods Pro", "AirPods Pro", "FaceTime HD Camera"),
    (
        "MacBook Air Microphone",
        "MacBook Air Speakers",
        "FaceTime HD Camera",
    ),
];

/// Zoom data centers as the dashboard names them.
pub(crate) const DATA_CENTERS: &[&str] = &[
    "United States (SC Top)",
    "United States (NY)",
    "United States (DV)",
    "Germany (FR)",
    "Singapore (SG)",
];

/// Locations of external participants (`location` as the dashboard shows it).
pub(crate) const GUEST_LOCATIONS: &[&str] = &[
    "Toronto (CA)",
    "Mumbai (IN)",
    "Paris (FR)",
    "Chicago (US)",
    "Mexico City (MX)",
    "Amsterdam (NL)",
];
