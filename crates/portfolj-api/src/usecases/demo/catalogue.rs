//! The names the demo database is made of (with Stockholm's real units, from
//! `portfolj_core::org::stockholm_units`): Swedish names, and
//! applications like those the city's programmes actually received (DOMAIN.md §11).

pub const FIRST_NAMES: &[&str] = &[
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Mikael", "Lena", "Per", "Emma",
    "Fredrik", "Ingrid", "Ali", "Fatima", "Hanna", "Oskar", "Elin", "Mohammed", "Sofia", "Nils", "Amina", "Gustav",
    "Helena", "Jonas", "Leila", "Ulf", "Åsa",
];

pub const LAST_NAMES: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Lindberg",
    "Lindqvist",
    "Berg",
    "Holm",
    "Sjöberg",
    "Wallin",
    "Hassan",
    "Yilmaz",
    "Öberg",
    "Ström",
    "Åberg",
    "Nyström",
    "Ali",
];

/// Applications per portfolio (index 0 = portfolio 1): title and purpose. The small demo
/// uses each once; larger scales reuse them per unit and stage.
pub const APPLICATIONS: [&[(&str, &str)]; 5] = [
    &[
        (
            "E-tjänst för förskoleplats",
            "Vårdnadshavare ska kunna söka, byta och säga upp förskoleplats digitalt dygnet runt, så att handläggningen i stadsdelarna minskar.",
        ),
        (
            "Boendeparkering – ansökan och förnyelse",
            "Boende ska kunna ansöka om och förnya boendeparkering utan blankett; betalning och beslut sker direkt.",
        ),
        (
            "Felanmälan i gatu- och parkmiljö",
            "Medborgare ska kunna anmäla fel med bild och position från mobilen och följa ärendet till åtgärd.",
        ),
        (
            "E-tjänst för bygglov",
            "Sökande ska kunna lämna en komplett bygglovsansökan digitalt, vilket kortar tiden till beslut.",
        ),
        (
            "Ansökan om ekonomiskt bistånd",
            "Den som söker ekonomiskt bistånd ska kunna ansöka och komplettera digitalt, så att handläggaren får kompletta ansökningar.",
        ),
        (
            "Vigseltjänst – bokning av borgerlig vigsel",
            "Par ska kunna boka tid för borgerlig vigsel och få bekräftelse direkt.",
        ),
        (
            "Anmälan av livsmedelsverksamhet",
            "Företag ska kunna registrera livsmedelsverksamhet digitalt; jämför Järfällas e-tjänst, värderad till cirka 4 MSEK för 0,6 MSEK.",
        ),
        (
            "Skolval för förskoleklass",
            "Vårdnadshavare ska kunna göra skolval digitalt med information om skolornas profil och lediga platser.",
        ),
    ],
    &[
        (
            "LIS-rapporter för stadsdelsnämnderna",
            "Nämnderna ska få jämförbara nyckeltal om ekonomi och verksamhet ur ledningsinformationssystemet.",
        ),
        (
            "Öppna data – trafik och parkering",
            "Stadens trafik- och parkeringsdata publiceras som öppna data så att företag kan bygga tjänster.",
        ),
        (
            "Gemensam kunddatabas för kontaktcenter",
            "Kontaktcenter ska se tidigare kontakter så att medborgaren slipper upprepa sig.",
        ),
        (
            "Analys av ärendeflöden i bygglovsprocessen",
            "Ledningen ska kunna följa ledtider per ärendetyp och se var ärenden fastnar.",
        ),
        ("Statistikportal för utbildning", "Skolornas resultat sammanställs på ett ställe för analys och uppföljning."),
        (
            "Geodata för planering av äldreomsorg",
            "Planerare ska kunna se behov och utförare på karta för bättre planering.",
        ),
        (
            "Dokumenthantering för nämndärenden",
            "Nämndhandlingar ska kunna sökas och återanvändas i stället för att skapas på nytt.",
        ),
        ("Uppföljning av upphandlade avtal", "Avtal och avtalstrohet ska kunna följas upp centralt."),
    ],
    &[
        (
            "Utbildning i e-tjänsteplattformen",
            "Handläggare ska lära sig använda plattformens ärendestöd fullt ut så att pappersflöden upphör.",
        ),
        (
            "Omsorgsdagboken – vidareutveckling",
            "Anhöriga och hemtjänst ska dela information i Omsorgsdagboken; fler stadsdelar ansluts.",
        ),
        (
            "Förenklad tidrapportering i hemtjänsten",
            "Mobil tidrapportering ersätter manuella listor och minskar administrationen.",
        ),
        (
            "Digital kompetenslyft för förskolepersonal",
            "Personalen ska kunna använda lärplattor och dokumentationsverktyg i det pedagogiska arbetet.",
        ),
        (
            "Självservice för lönefrågor",
            "Medarbetare ska själva kunna se och ändra löneuppgifter, vilket minskar samtalen till lönecentret.",
        ),
        (
            "Bättre användning av ekonomisystemet",
            "Beställare ska använda e-handel fullt ut så att fakturor matchas automatiskt.",
        ),
        ("Användarstöd för skoladministration", "Skoladministratörer får stöd och utbildning i elevregistret."),
        (
            "Mallar och e-underskrift i socialtjänsten",
            "Standardmallar och e-underskrift kortar tiden för beslut och delgivning.",
        ),
    ],
    &[
        (
            "Informationsutbyte med Försäkringskassan",
            "Handläggare av ekonomiskt bistånd ska få uppgifter digitalt i stället för via blanketter.",
        ),
        (
            "Samverkan med Arbetsförmedlingen om jobbtorg",
            "Jobbtorgen och Arbetsförmedlingen ska dela planeringsuppgifter om deltagare.",
        ),
        ("Elektronisk överföring av betyg", "Betyg ska överföras digitalt mellan kommuner och till antagningen."),
        (
            "Gemensam e-legitimation via id-portalen",
            "Fler tjänster ansluts till id-portalen så att medborgare loggar in på samma sätt överallt.",
        ),
        (
            "Regional samverkan om vuxenutbildning",
            "Ansökan till vuxenutbildning ska fungera över kommungränserna i länet.",
        ),
        (
            "Digitala bygghandlingar till Lantmäteriet",
            "Handlingar ska skickas digitalt till Lantmäteriet i stället för på papper.",
        ),
        ("Informationsutbyte med landstinget om hemsjukvård", "Hemtjänst och hemsjukvård ska dela vårdplaner säkert."),
        ("E-arkiv med Riksarkivets format", "Stadsarkivet ska ta emot digitala leveranser enligt gemensamt format."),
    ],
    &[
        (
            "Pilot: sensorer för snöröjning",
            "Prövar om sensorer på gång- och cykelbanor kan styra snöröjningen bättre; syftet är att ta reda på nyttan.",
        ),
        ("Förstudie: chattbot för kontaktcenter", "Undersöker om vanliga frågor kan besvaras automatiskt dygnet runt."),
        ("Pilot: digital tillsyn av hissar", "Prövar fjärravläsning av hissar i stadens fastigheter."),
        (
            "Pilot: lärplattor i språkundervisning för nyanlända",
            "Prövar appar för språkinlärning i två skolor under en termin.",
        ),
        ("Förstudie: öppet API för evenemang", "Undersöker om stadens evenemangsdata kan öppnas för besöksnäringen."),
        (
            "Pilot: trygghetskamera i hemtjänsten",
            "Prövar nattillsyn via kamera för de som vill, med utvärdering av trygghet och integritet.",
        ),
        ("Pilot: cykelräkning med mobildata", "Prövar om mobildata kan ersätta manuella cykelräkningar."),
        (
            "Förstudie: digitala möten för nämnder",
            "Undersöker hur nämnder kan sammanträda och besluta digitalt på ett rättssäkert sätt.",
        ),
    ],
];
