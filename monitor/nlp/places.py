"""Names of countries, territories, US states and world regions.

A place is never the company that spends or borrows (docs/labelling.md, section 6: states,
countries and their treasuries are not companies): "Rwanda sold $400 million of eurobonds" has
no company event, and in "a new $600 million assembly plant in Mobile, Alabama" the spender is
the company named elsewhere, not Alabama. Only a whole name is a place: "Alabama Power" and
"Hong Kong Disneyland" are companies.
"""

from __future__ import annotations

import re

_COUNTRIES = """
Afghanistan Albania Algeria Andorra Angola Antigua and Barbuda Argentina Armenia Australia Austria
Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia
Bosnia and Herzegovina Botswana Brazil Brunei Bulgaria Burkina Faso Burundi Cabo Verde Cape Verde
Cambodia Cameroon Canada Central African Republic Chad Chile China Colombia Comoros Congo
Costa Rica Croatia Cuba Cyprus Czech Republic Czechia Denmark Djibouti Dominica Dominican Republic
Ecuador Egypt El Salvador Equatorial Guinea Eritrea Estonia Eswatini Ethiopia Fiji Finland France
Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guinea-Bissau Guyana Haiti
Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Ivory Coast Jamaica Japan
Jordan Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya
Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Marshall Islands
Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar
Namibia Nauru Nepal Netherlands New Zealand Nicaragua Niger Nigeria North Korea North Macedonia
Norway Oman Pakistan Palau Palestine Panama Papua New Guinea Paraguay Peru Philippines Poland
Portugal Qatar Romania Russia Rwanda Saint Lucia Samoa San Marino Saudi Arabia Senegal Serbia
Seychelles Sierra Leone Singapore Slovakia Slovenia Solomon Islands Somalia South Africa South Korea
South Sudan Spain Sri Lanka Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania
Thailand Timor-Leste Togo Tonga Trinidad and Tobago Tunisia Turkey Turkiye Turkmenistan Tuvalu Uganda
Ukraine United Arab Emirates UAE United Kingdom UK Britain Great Britain United States USA U.S. US
America Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe Korea
Hong Kong Macau Macao Puerto Rico Greenland Bermuda Cayman Islands Gibraltar Scotland England Wales
Northern Ireland Abu Dhabi Dubai Sharjah
"""

_US_STATES = """
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho
Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
Mississippi Missouri Montana Nebraska Nevada New Hampshire New Jersey New Mexico New York
North Carolina North Dakota Ohio Oklahoma Oregon Pennsylvania Rhode Island South Carolina
South Dakota Tennessee Texas Utah Vermont Virginia Washington West Virginia Wisconsin Wyoming
"""

_REGIONS = """
Africa Asia Europe Eurozone Euro Zone Latin America South America North America Central America
Middle East Gulf Persian Gulf Caribbean Scandinavia Asia Pacific Asia-Pacific Southeast Asia
East Asia Eastern Europe Western Europe Sub-Saharan Africa
"""

# the names of more than one word, taken out whole before the rest is split at spaces
_MULTI = re.compile(
    r"Antigua and Barbuda|Bosnia and Herzegovina|Trinidad and Tobago|Burkina Faso|Cabo Verde|Cape Verde|"
    r"Central African Republic|Costa Rica|Czech Republic|Dominican Republic|El Salvador|Equatorial Guinea|"
    r"Ivory Coast|Marshall Islands|New Zealand|North Korea|North Macedonia|Papua New Guinea|Saint Lucia|"
    r"San Marino|Saudi Arabia|Sierra Leone|Solomon Islands|South Africa|South Korea|South Sudan|Sri Lanka|"
    r"United Arab Emirates|United Kingdom|Great Britain|United States|Hong Kong|Puerto Rico|Cayman Islands|"
    r"Northern Ireland|Abu Dhabi|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|"
    r"Rhode Island|South Carolina|South Dakota|West Virginia|Euro Zone|Latin America|South America|"
    r"North America|Central America|Middle East|Persian Gulf|Asia Pacific|Southeast Asia|East Asia|"
    r"Eastern Europe|Western Europe|Sub-Saharan Africa"
)


def _names(block: str) -> set[str]:
    multi = set(_MULTI.findall(block))
    rest = _MULTI.sub(" ", block).split()
    return {n.casefold() for n in multi} | {w.casefold() for w in rest}


PLACES: frozenset[str] = frozenset(_names(_COUNTRIES) | _names(_US_STATES) | _names(_REGIONS))


def is_place(name: str | None) -> bool:
    """Whether a name is a whole place name ("Rwanda", "the United States", "Alabama.",
    "Britain's"), not a company named after one."""
    if not name:
        return False
    whole = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    key = re.sub(r"(?:['’]s|[.,;:])+$", "", whole).strip()
    return key.casefold() in PLACES or whole.casefold() in PLACES  # "U.S." keeps its last stop
