//! The generator's word lists: countries, organisations, names, places, and the templates
//! that titles, summaries and quotes are filled from. Data only.

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(super) const STATUSES: &[&str] = &[
    "occurred",
    "occurred",
    "occurred",
    "occurred",
    "planned",
    "scheduled",
    "proposed",
    "reported",
    "reported",
    "ongoing",
    "ongoing",
];

/// Relation kinds that make sense between people and bodies; together they use all 11.
pub(super) const PERSON_PERSON: &[&str] = &["talks-with", "supports", "opposes", "other"];
pub(super) const PERSON_BODY: &[&str] = &[
    "member-of",
    "represents",
    "leads",
    "supports",
    "opposes",
    "talks-with",
];
pub(super) const BODY_PERSON: &[&str] = &["supports", "opposes", "funds", "other"];
pub(super) const BODY_BODY: &[&str] = &[
    "funds",
    "contributes-to",
    "part-of",
    "member-of",
    "supports",
    "opposes",
    "proposes",
    "talks-with",
    "other",
    "leads",
];

// ── Word lists ──────────────────────────────────────────────────────────────────────────

/// Countries: `name|short|aliases`. The first ones are picked most often.
pub(super) const COUNTRIES: &str = "
    United States|US|U.S.,Washington
    China||Beijing,北京
    France||Paris
    United Kingdom|UK|Britain,London
    Russia||Moscow
    Germany||Deutschland,Berlin
    Brazil||Brasil,Brasília
    Kenya||Nairobi
    Haiti||Haïti,Port-au-Prince
    India||New Delhi
    Japan||日本,Tokyo
    South Africa||Pretoria
    Nigeria||Abuja
    Türkiye||Turkey,Ankara
    Mexico||México
    Colombia||Bogotá
    Ethiopia||Addis Ababa
    Egypt||Cairo
    Canada||Ottawa
    Argentina||Buenos Aires
    Chile||Santiago
    Peru||Perú,Lima
    Venezuela||Caracas
    Jamaica||Kingston
    Dominican Republic||Santo Domingo
    Cuba||La Habana
    Guatemala||
    Honduras||Tegucigalpa
    El Salvador||San Salvador
    Nicaragua||Managua
    Costa Rica||San José
    Panama||Panamá
    Ecuador||Quito
    Bolivia||La Paz
    Paraguay||Asunción
    Uruguay||Montevideo
    Bahamas||Nassau
    Barbados||Bridgetown
    Trinidad and Tobago||Port of Spain
    Guyana||Georgetown
    Suriname||Paramaribo
    Belize||Belmopan
    Côte d’Ivoire||Ivory Coast,Abidjan
    Senegal||Sénégal,Dakar
    Ghana||Accra
    Mali||Bamako
    Burkina Faso||Ouagadougou
    Niger||Niamey
    Chad||Tchad,N’Djamena
    Cameroon||Cameroun,Yaoundé
    Democratic Republic of the Congo|DRC|RDC,Kinshasa
    Republic of the Congo||Brazzaville
    Central African Republic|CAR|Centrafrique,Bangui
    Gabon||Libreville
    São Tomé and Príncipe||São Tomé
    Equatorial Guinea||Malabo
    Angola||Luanda
    Mozambique||Moçambique,Maputo
    Zambia||Lusaka
    Zimbabwe||Harare
    Malawi||Lilongwe
    Tanzania||Dodoma
    Uganda||Kampala
    Rwanda||Kigali
    Burundi||Gitega
    South Sudan||Juba
    Sudan||Khartoum
    Somalia||Mogadishu
    Djibouti||
    Eritrea||Asmara
    Madagascar||Antananarivo
    Mauritius||Port Louis
    Namibia||Windhoek
    Botswana||Gaborone
    Lesotho||Maseru
    Eswatini||Mbabane
    Morocco||Maroc,Rabat
    Algeria||Algérie,Algiers
    Tunisia||Tunisie,Tunis
    Libya||Tripoli
    Benin||Bénin,Cotonou
    Togo||Lomé
    Guinea||Guinée,Conakry
    Sierra Leone||Freetown
    Liberia||Monrovia
    Mauritania||Nouakchott
    Cabo Verde||Cape Verde,Praia
    Saudi Arabia||Riyadh
    United Arab Emirates|UAE|Abu Dhabi
    Qatar||Doha
    Iran||Tehran
    Iraq||Baghdad
    Jordan||Amman
    Lebanon||Liban,Beirut
    Israel||
    Syria||Damascus
    Yemen||Sana’a
    Oman||Muscat
    Pakistan||Islamabad
    Afghanistan||Kabul
    Bangladesh||Dhaka
    Sri Lanka||Colombo
    Nepal||Kathmandu
    Myanmar||Burma,Naypyidaw
    Thailand||Bangkok
    Vietnam|Việt Nam|Hà Nội,Hanoi
    Cambodia||Phnom Penh
    Indonesia||Jakarta
    Malaysia||Kuala Lumpur
    Philippines||Manila
    Singapore||
    South Korea|ROK|서울,Seoul
    Mongolia||Ulaanbaatar
    Kazakhstan||Astana
    Uzbekistan||Tashkent
    Australia||Canberra
    New Zealand|NZ|Aotearoa,Wellington
    Fiji||Suva
    Papua New Guinea|PNG|Port Moresby
    Ukraine||Kyiv
    Poland||Polska,Warsaw
    Italy||Italia,Rome
    Spain||España,Madrid
    Portugal||Lisboa,Lisbon
    Netherlands||Nederland,The Hague
    Belgium||Belgique,Brussels
    Switzerland||Schweiz,Suisse,Bern
    Austria||Österreich,Wien
    Sweden||Sverige,Stockholm
    Norway||Norge,Oslo
    Denmark||Danmark,København
    Finland||Suomi,Helsinki
    Iceland||Ísland,Reykjavík
    Ireland||Éire,Dublin
    Greece||Athens
    Czechia||Česko,Prague
    Hungary||Magyarország,Budapest
    Romania||România,Bucharest
    Serbia||Belgrade
    Georgia||Tbilisi
    Armenia||Yerevan
    Azerbaijan||Baku
";

/// Organisations: `name|short|aliases`; the id comes from the short name when there is one.
pub(super) const ORGANISATIONS: &str = "
    United Nations|UN|Nations Unies
    UN Security Council|UNSC|Security Council
    African Union|AU|Union africaine
    European Union|EU|Union européenne
    Organisation of American States|OAS|OEA
    International Monetary Fund|IMF|FMI
    World Bank||Banque mondiale
    Caribbean Community|CARICOM|
    Economic Community of West African States|ECOWAS|CEDEAO
    UN General Assembly|UNGA|
    Southern African Development Community|SADC|
    Intergovernmental Authority on Development|IGAD|
    East African Community|EAC|
    Association of Southeast Asian Nations|ASEAN|
    Arab League||League of Arab States
    Gulf Cooperation Council|GCC|
    World Health Organization|WHO|OMS
    World Food Programme|WFP|PAM
    UN Refugee Agency|UNHCR|HCR
    UNICEF||
    International Committee of the Red Cross|ICRC|CICR
    International Organization for Migration|IOM|OIM
    UN Development Programme|UNDP|PNUD
    Food and Agriculture Organization|FAO|
    International Labour Organization|ILO|OIT
    World Trade Organization|WTO|OMC
    International Atomic Energy Agency|IAEA|
    NATO||North Atlantic Treaty Organization,OTAN
    OSCE||Organization for Security and Co-operation in Europe
    Council of Europe||Conseil de l’Europe
    International Criminal Court|ICC|CPI
    Interpol||
    Mercosur||Mercosul,Mercado Común del Sur
    Andean Community|CAN|Comunidad Andina
    CELAC||Comunidad de Estados Latinoamericanos y Caribeños
    Pacific Islands Forum|PIF|
    Commonwealth of Nations||The Commonwealth
    Organisation internationale de la Francophonie|OIF|La Francophonie
    OPEC||Organization of the Petroleum Exporting Countries
    Inter-American Development Bank|IDB|BID
    African Development Bank|AfDB|BAD
    Asian Development Bank|ADB|
    Shanghai Cooperation Organisation|SCO|
    Médecins Sans Frontières|MSF|Doctors Without Borders
    Amnesty International||
    Human Rights Watch|HRW|
    International Crisis Group||Crisis Group
    Norwegian Refugee Council|NRC|
";

/// Missions: `name|short|aliases|affiliation id`.
pub(super) const MISSIONS: &str = "
    Multinational Security Support Mission|MSS|Kenya-led mission|kenya
    UN Multidimensional Integrated Stabilization Mission in the Central African Republic|MINUSCA||un
    UN Organization Stabilization Mission in the DR Congo|MONUSCO||un
    UN Mission in South Sudan|UNMISS||un
    UN Interim Force in Lebanon|UNIFIL|FINUL|un
    UN Mission for the Referendum in Western Sahara|MINURSO||un
    UN Peacekeeping Force in Cyprus|UNFICYP||un
    UN Integrated Office in Haiti|BINUH||un
    UN Assistance Mission in Afghanistan|UNAMA||un
    AU Support and Stabilisation Mission in Somalia|AUSSOM||au
    SADC Mission in Mozambique|SAMIM||sadc
    EU Naval Force Operation Atalanta|EUNAVFOR Atalanta|Operation Atalanta|eu
    EUFOR Althea||Operation Althea|eu
    Kosovo Force|KFOR||nato
    ECOWAS Standby Force||Force en attente de la CEDEAO|ecowas
";

/// Transnational groups: `name|short|aliases`.
pub(super) const GROUPS: &str = "
    International Transport Workers’ Federation|ITF|
    International Federation of Journalists|IFJ|
    La Vía Campesina||Via Campesina
    Transparency International|TI|
    Red de Mujeres Mediadoras||Women Mediators Network
    International Trade Union Confederation|ITUC|Confédération syndicale internationale
    Global Fishing Watch||
    Consejo Indígena Centroamericano|CICA|
    Fédération des Ports d’Afrique||
    Greenpeace||
";

pub(super) const GIVEN: &str = "
    Amara Korir José Zoë Léa Ngozi Mariana Tomás Fatou Kwame Aisha Carlos Ana Olga Pieter
    Ines Sofía Björn Dmitri Priya Rahul Leila Omar Hannah Jean-Baptiste Chidi Wanjiru
    Esperanza Mateus Noa Ingrid Yusuf Mei Kofi Abebe Elif Renée François Ximena Raúl
    Joaquín Małgorzata Søren Thandiwe Grace Daniel Sarah Peter Ruth Alvin Michael Laura
    Hugo Nadia Samuel Lucía Ahmed Miriam David Joseph Mary Paul Anne James Emma John Rose
    Victor Helen Mark Alice Simon Esther Patrick Irene George Julia Robert Clara Henry
";

pub(super) const FAMILY: &str = "
    Sing’oei Okonkwo Mwangi Núñez Müller Dubois Silva Santos Diallo Mensah Haddad Kowalski
    Novak Rossi García Pérez López Fernández Gonçalves Ødegaard Jovanović Öztürk Nguyen
    Tran Kamau Otieno Abdi Hassan Moreau Lefèvre Schmidt Wagner Johansson Andersen Kelly
    Murphy Smith Brown Clarke Baptiste Pierre Joseph Charles Mbeki Dlamini Banda Phiri
    Adeyemi Bello Sesay Kamara Ruiz Castro Vargas Rocha Ferreira Koné Traoré Touré Çelik
    Walker Green Hughes Wright Evans Roberts Taylor Wilson Moore Martin Thompson Lewis Hall
    Young Allen King Scott Baker Adams Nelson Carter Mitchell Ward Cooper Reed Bailey Cox
";

/// East Asian names written in their own script: `name|romanisation`.
pub(super) const EAST_ASIAN: &str = "
    李明|Li Ming
    王芳|Wang Fang
    張偉|Zhang Wei
    陳靜|Chen Jing
    劉洋|Liu Yang
    田中美咲|Tanaka Misaki
    佐藤健|Sato Ken
    山本優|Yamamoto Yu
    김민준|Kim Min-jun
    이서연|Lee Seo-yeon
";

pub(super) const PLACES: &str = "
    São Paulo
    Zürich
    Bogotá
    Port-au-Prince
    Nairobi
    Kraków
    Reykjavík
    Malmö
    Köln
    Montréal
    Yaoundé
    Asunción
    Medellín
    Düsseldorf
    Genève
    Curaçao
    東京
    北京
    서울
    Mombasa
    Kisumu
    Lagos
    Accra
    Dakar
    Abidjan
    Kinshasa
    Goma
    Juba
    Addis Ababa
    Djibouti
    Mogadishu
    Kampala
    Kigali
    Dar es Salaam
    Maputo
    Harare
    Lusaka
    Johannesburg
    Cape Town
    Cairo
    Tunis
    Casablanca
    Beirut
    Amman
    Istanbul
    Geneva
    Brussels
    The Hague
    Vienna
    New York
    Washington
    Miami
    Kingston
    Santo Domingo
    Panama City
    Lima
    Quito
    Santiago
    Buenos Aires
    Manila
    Jakarta
    Bangkok
    Dhaka
    Karachi
    Sydney
";

pub(super) const TOPICS: &str = "
    the fisheries quota
    the port security plan
    the grain export corridor
    the water-sharing accord
    the debt restructuring
    the electoral calendar
    the mining licences
    the vaccine shipments
    the border crossings
    the refugee returns
    the ceasefire monitoring
    the power-sharing formula
    the rail concession
    the pension reform
    the police deployment
    the trust fund disbursements
    the customs union
    the hydropower dam
    the fuel subsidy
    the disarmament programme
    the drought response
    the lithium contracts
    the coastal evacuation plan
    the cholera vaccination drive
    the prison transfer deal
    the airport reopening
    the school reopening plan
    the land titling scheme
    the river dredging project
    the broadband tender
    the constitutional review
    the wage agreement
    the migrant reception centres
    the food price controls
    the gang demobilisation talks
    the emergency budget
    the election observer mission
    the mangrove restoration fund
    the cross-border rail link
    the fertiliser import deal
";

pub(super) const PORTFOLIOS: &str = "
    Finance
    Water
    Fisheries
    the Interior
    Defence
    Health
    Transport
    Energy
    Justice
    Foreign Affairs
    Trade
    Agriculture
    Education
    Labour
    Mines
";

pub(super) const PUBLISHERS: &str = "
    Daily Nation
    The Gleaner
    Le Nouvelliste
    Folha de S.Paulo
    El País
    Le Monde
    Süddeutsche Zeitung
    Neue Zürcher Zeitung
    The East African
    Mail & Guardian
    Jeune Afrique
    Al-Ahram
    朝日新聞
    The Straits Times
    Reuters
    Agence France-Presse
    Associated Press
    Radio Télévision Caraïbes
";

pub(super) const FOREIGN_BODIES: &[&str] = &[
    "Ministère de l’Intérieur",
    "Secretaría de Seguridad Ciudadana",
    "Agência Nacional de Águas",
    "Bundesamt für Migration",
    "Comité national de crise",
    "Defensoría del Pueblo",
    "Polícia Federal",
    "Conseil présidentiel de transition",
    "Fundação Oswaldo Cruz",
    "Cámara de Comercio Binacional",
];

pub(super) const GROUP_NAMES: &[&str] = &[
    "{p} Fishers’ Cooperative",
    "{p} Residents’ Association",
    "National Union of Port Workers",
    "Coalition for Clean Elections",
    "Collectif des familles de {p}",
    "Movimiento Ciudadano por {p}",
    "{p} Traders’ Guild",
    "Women’s Peace Network of {p}",
    "Students’ Front",
    "Veterans’ Association",
];

pub(super) const POSITIONS: &[&str] = &[
    "Minister at the",
    "Principal Secretary at the",
    "spokesperson for the",
    "director at the",
    "chair of the",
    "deputy head of the",
    "special envoy of the",
    "legal adviser to the",
    "field coordinator for the",
    "negotiator for the",
    "treasurer of the",
    "founding member of the",
];

pub(super) const COUNTRY_ROLES: &[&str] = &[
    "regional power with a stake in the outcome",
    "donor government",
    "neighbouring state",
    "troop-contributing country",
    "host state",
    "mediator in regional talks",
    "major trading partner",
];

pub(super) const ORG_ROLES: &[&str] = &[
    "regional organisation",
    "multilateral lender",
    "UN body",
    "humanitarian organisation",
    "intergovernmental body",
    "monitoring body",
];

pub(super) const MISSION_ROLES: &[&str] = &[
    "multinational mission in the region",
    "peace operation whose mandate is under review",
    "security mission deployed in the region",
];

pub(super) const GROUP_ROLES: &[&str] = &[
    "international network of civil-society groups",
    "advocacy group",
    "federation of trade unions",
];

pub(super) const BODY_ROLES: &[&str] = &[
    "government body responsible for {t}",
    "body that oversees {t}",
    "local group opposed to {t}",
    "lobby pressing for {t}",
    "coordinates the response in {p}",
    "manages the money for {t}",
];

pub(super) const TITLES: &[&str] = &[
    "{h}: talks on {t} stall as {x}",
    "{h}: {a} and {a} at odds over {t}",
    "{h}: {t} in doubt after {x}",
    "{h}: pressure grows on {t} as {x}",
    "{h}: what is at stake in {t}",
    "{h} — {a} weighs {t} while {x}",
];

pub(super) const TENSIONS: &[&str] = &[
    "port workers strike",
    "donors delay payments",
    "the opposition boycotts parliament",
    "floods cut the road to {p}",
    "a court suspends the deal",
    "gangs tighten their grip on {p}",
    "prices rise in {p}",
    "a minister resigns",
    "protests spread to {p}",
    "the rainy season begins early",
    "talks move to {p}",
    "an audit finds gaps in the accounts",
];

pub(super) const SUMMARIES: &[&str] = &[
    "{a} and {a} met in {p} to discuss {t}.",
    "The decision follows weeks of pressure from {a}.",
    "Officials in {p} said the move would affect about {n} people.",
    "{a} called it “a necessary step”; {a} called it premature.",
    "No timetable was given.",
    "The source does not say who else attended.",
    "{t} is on hold while {x}.",
    "{a} says it has not been consulted on {t}.",
    "Funding for {t} is due to run out in {m}.",
    "Critics in {p} say the plan ignores {t} — and the people it affects.",
    "{a} is expected to respond before {m}.",
    "Negotiators from {a} travelled to {p} for a second round.",
];

pub(super) const VERBS: &[&str] = &[
    "signs|sign|signing",
    "announces|announce|announcing",
    "suspends|suspend|suspending",
    "approves|approve|approving",
    "rejects|reject|rejecting",
    "reviews|review|reviewing",
    "funds|fund|funding",
    "blocks|block|blocking",
    "renegotiates|renegotiate|renegotiating",
    "monitors|monitor|monitoring",
    "extends|extend|extending",
    "postpones|postpone|postponing",
];

pub(super) const OBJECTS: &[&str] = &[
    "{t}",
    "a review of {t}",
    "talks on {t} in {p}",
    "new rules on {t}",
    "emergency funding for {t}",
    "a joint statement on {t}",
];

pub(super) const PROPOSALS: &[&str] = &[
    "a joint commission on {t}",
    "a moratorium on {t}",
    "a regional force for {p}",
    "a new timetable for {t}",
    "an independent audit of {t}",
    "talks in {p} on {t}",
];

pub(super) const EVENT_ROLES: &[&str] = &[
    "host",
    "signatory",
    "mediator",
    "observer",
    "funder",
    "target of criticism",
    "organiser",
    "chief negotiator",
    "garant de l’accord",
    "anfitrión",
];

pub(super) const RELATION_NOTES: &[&str] = &[
    "A working relationship rather than a formal one.",
    "Since {m}, according to the source.",
    "Disputed by {a}.",
    "Mainly through {t}.",
    "The source is vague about how close the tie is.",
];

pub(super) const DIRECT: &[&str] = &[
    "We will not accept {t} without guarantees for {p}.",
    "The people of {p} deserve better than {t} as it stands.",
    "Our position has not changed — {t} must come first.",
    "I have spoken with {a}, and we agree on the next steps.",
    "Nobody in {p} believes the “temporary” arrangement will hold.",
    "Yes, we are aware of the discussions, and we welcome the role of {a}.",
    "If the money does not arrive by {m}, {t} will collapse.",
    "Let me be clear: {t} is not negotiable.",
    "We have {n} officers in {p} and not one armoured vehicle that works.",
    "This is a good day for {p}.",
    "We asked {a} for help three times. Three times.",
    "The numbers speak for themselves: {n} families have left {p} since January.",
    "We are doing the work; others are doing the talking.",
];

pub(super) const REPORTED: &[&str] = &[
    "{s} said {a} had agreed to review {t}.",
    "According to {s}, the talks in {p} ended without agreement on {t}.",
    "{s} told reporters that {t} would be delayed until {m}.",
    "{s} denied that {a} was blocking {t}.",
    "{s} described the plan as “unworkable” and called for a new round of talks in {p}.",
    "{s} said around {n} people had been displaced near {p}.",
    "{s} warned that funding for {t} would run out by {m}.",
    "{s} welcomed the offer from {a} but said {p} had not been consulted.",
];

/// Later sentences of a reported statement, which need not name the speaker again.
pub(super) const REPORTED_MORE: &[&str] = &[
    "{s} added that {a} had not yet replied.",
    "No date was given for the next round of talks.",
    "The remarks came a day after talks in {p}.",
    "Asked about {t}, {s} declined to give figures.",
    "{s} also criticised {a} for the delays.",
    "The source does not say whether {a} was present.",
];

/// Direct quotes in the speaker's own language, each at least 40 characters.
pub(super) const FOREIGN: &[&str] = &[
    "Il n’y a pas de solution militaire à cette crise, et nous le répétons depuis des mois.",
    "No vamos a firmar nada sin consultar a las comunidades de {p}.",
    "Wir brauchen eine Lösung für {p}, keine weiteren Gipfel.",
    "我们支持对话，但任何协议都必须尊重当地社区的意见。在资金到位之前，我们会继续与各方保持沟通。",
    "Não há acordo possível sem as comunidades de {p} — nenhum.",
    "私たちは対話を支持しますが、地域社会の声を無視した合意は受け入れられません。協議は続けます。",
    "Nous attendons toujours les fonds promis par {a} ; rien n’est arrivé.",
];

pub(super) const CONTEXTS: &[&str] = &[
    "Speaking to reporters in {p}.",
    "In a statement posted on social media.",
    "At a press conference after talks with {a}.",
    "In a radio interview broadcast from {p}.",
    "Quoted by an aide; the source gives no venue.",
    "During a hearing on {t}.",
];
