"""Texts of sign-in and roles: the roles, why a write is refused, the sign-in and first-admin
screens, the sidebar's account box, the Admin page and the errors of ``kcc.access``."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # ----- roles
    "access.role.viewer": ("viewer", "kijker"),
    "access.role.planner": ("planner", "planner"),
    "access.role.admin": ("admin", "beheerder"),
    # ----- a write refused (kcc.access.AccessError; fields role, needed)
    "access.denied.view": (
        "Your role ({role}) may not see this page. Ask an admin for the role {needed}.",
        "Uw rol ({role}) mag deze pagina niet zien. Vraag een beheerder om de rol {needed}.",
    ),
    "access.denied.import": (
        "Your role ({role}) may not import files here; a {needed} or admin may. Ask an admin for another role.",
        "Uw rol ({role}) mag hier geen bestanden importeren; een {needed} of beheerder wel. Vraag een beheerder om een andere rol.",
    ),
    "access.denied.edit_plan": (
        "Your role ({role}) may not change this centre's stored plan inputs (events, holidays, settings, shifts); "
        "a {needed} or admin may. You can still try changes for yourself where the page allows it.",
        "Uw rol ({role}) mag de opgeslagen planinvoer van dit centrum (gebeurtenissen, feestdagen, instellingen, diensten) "
        "niet wijzigen; een {needed} of beheerder wel. Waar de pagina het toelaat kunt u wijzigingen wel voor uzelf proberen.",
    ),
    "access.denied.save_scenario": (
        "Your role ({role}) may not save, duplicate or delete scenarios; a {needed} or admin may. "
        "You can still try levers and share a link.",
        "Uw rol ({role}) mag geen scenario's opslaan, kopiëren of verwijderen; een {needed} of beheerder wel. "
        "U kunt wel hefbomen proberen en een link delen.",
    ),
    "access.denied.manage_centres": (
        "Your role ({role}) may not create, rename, hide, delete or reset centres; only an {needed} may.",
        "Uw rol ({role}) mag geen centra aanmaken, hernoemen, verbergen, verwijderen of herstellen; alleen een {needed} mag dat.",
    ),
    "access.denied.manage_users": (
        "Your role ({role}) may not manage users; only an {needed} may.",
        "Uw rol ({role}) mag geen gebruikers beheren; alleen een {needed} mag dat.",
    ),
    "access.denied.signed_out": (
        "Sign in first: nothing was changed.",
        "Meld u eerst aan: er is niets gewijzigd.",
    ),
    # ----- sign-in and account errors (kcc.access.AccountError)
    "access.account_error.sign_in_failed": (
        "Unknown user name or wrong password.",
        "Onbekende gebruikersnaam of onjuist wachtwoord.",
    ),
    "access.account_error.disabled": (
        "The account {login} is disabled. Ask an admin to enable it.",
        "Het account {login} is uitgeschakeld. Vraag een beheerder het weer in te schakelen.",
    ),
    "access.account_error.login_empty": ("Enter a user name.", "Vul een gebruikersnaam in."),
    "access.account_error.login_chars": (
        "A user name may hold letters, digits and . _ - @ + only (no spaces).",
        "Een gebruikersnaam mag alleen letters, cijfers en . _ - @ + bevatten (geen spaties).",
    ),
    "access.account_error.login_long": (
        "A user name may be at most {limit} characters long.",
        "Een gebruikersnaam mag hoogstens {limit} tekens lang zijn.",
    ),
    "access.account_error.name_long": (
        "A display name may be at most {limit} characters long.",
        "Een weergavenaam mag hoogstens {limit} tekens lang zijn.",
    ),
    "access.account_error.password_short": (
        "A password needs at least {limit} characters.",
        "Een wachtwoord heeft minstens {limit} tekens nodig.",
    ),
    "access.account_error.password_long": (
        "A password may be at most {limit} characters long.",
        "Een wachtwoord mag hoogstens {limit} tekens lang zijn.",
    ),
    "access.account_error.password_mismatch": (
        "The two passwords differ; type the same password twice.",
        "De twee wachtwoorden verschillen; typ twee keer hetzelfde wachtwoord.",
    ),
    "access.account_error.role": (
        "Unknown role {role}: choose viewer, planner or admin.",
        "Onbekende rol {role}: kies kijker, planner of beheerder.",
    ),
    "access.account_error.login_taken": (
        "There is already a user {login}.",
        "Er is al een gebruiker {login}.",
    ),
    "access.account_error.unknown": ("There is no user {login}.", "Er is geen gebruiker {login}."),
    "access.account_error.last_admin": (
        "Not changed: {login} is the last enabled admin. Make another user admin first.",
        "Niet gewijzigd: {login} is de laatste ingeschakelde beheerder. Maak eerst een andere gebruiker beheerder.",
    ),
    "access.account_error.setup_done": (
        "The first admin has been created already; sign in.",
        "De eerste beheerder is al aangemaakt; meld u aan.",
    ),
    # ----- settings in the environment (kcc.access.AuthSettingError)
    "access.setting_error.mode": (
        "KCC_AUTH is {value}; use one of {allowed}.",
        "KCC_AUTH is {value}; gebruik een van {allowed}.",
    ),
    "access.setting_error.default_role": (
        "KCC_DEFAULT_ROLE is {value}; use one of {allowed}.",
        "KCC_DEFAULT_ROLE is {value}; gebruik een van {allowed}.",
    ),
    "access.setting_error.admin_password": (
        "KCC_ADMIN_USER is set, but KCC_ADMIN_PASSWORD cannot be its password: {reason}",
        "KCC_ADMIN_USER is ingesteld, maar KCC_ADMIN_PASSWORD kan niet het wachtwoord zijn: {reason}",
    ),
    # ----- sign-in screen
    "access.sign_in_title": ("Sign in to KCC Planner", "Aanmelden bij KCC Planner"),
    "access.sign_in_intro": (
        "Sign in with the user name and password an admin gave you.",
        "Meld u aan met de gebruikersnaam en het wachtwoord die u van een beheerder kreeg.",
    ),
    "access.login": ("User name", "Gebruikersnaam"),
    "access.password": ("Password", "Wachtwoord"),
    "access.password_again": ("Password again", "Wachtwoord nogmaals"),
    "access.display_name": ("Display name (optional)", "Weergavenaam (optioneel)"),
    "access.sign_in": ("Sign in", "Aanmelden"),
    "access.sign_out": ("Sign out", "Afmelden"),
    "access.signed_in_as": ("Signed in as {login} · {role}", "Aangemeld als {login} · {role}"),
    "access.signed_out_disabled": (
        "You were signed out: your account was disabled or removed.",
        "U bent afgemeld: uw account is uitgeschakeld of verwijderd.",
    ),
    "access.setup_intro": (
        "There are no users yet. Create the first admin; this screen shows once. Admins add the other users "
        "on the Admin page.",
        "Er zijn nog geen gebruikers. Maak de eerste beheerder aan; dit scherm verschijnt één keer. Beheerders "
        "voegen de andere gebruikers toe op de pagina Beheer.",
    ),
    "access.setup_create": ("Create the first admin", "Eerste beheerder aanmaken"),
    "access.identity_intro": (
        "Sign in with your organisation's account.",
        "Meld u aan met het account van uw organisatie.",
    ),
    "access.sign_in_identity": ("Sign in with your organisation", "Aanmelden via uw organisatie"),
    "access.setup_identity": (
        "There are no users yet. Make {login} the first admin? Admins give the other users their roles on the "
        "Admin page.",
        "Er zijn nog geen gebruikers. {login} de eerste beheerder maken? Beheerders geven de andere gebruikers "
        "hun rol op de pagina Beheer.",
    ),
    # ----- Admin page
    "common.nav_admin": ("Admin", "Beheer"),
    "admin.title": ("Users and roles", "Gebruikers en rollen"),
    "admin.intro": (
        "A viewer sees plans and board decks; a planner also imports, edits the plan's inputs and saves "
        "scenarios; an admin also manages users and centres. A role per centre replaces the global role there.",
        "Een kijker ziet plannen en bestuursdecks; een planner importeert ook, wijzigt de planinvoer en slaat "
        "scenario's op; een beheerder beheert ook gebruikers en centra. Een rol per centrum vervangt daar de "
        "algemene rol.",
    ),
    "admin.sign_in_off": (
        "Sign-in is off (KCC_AUTH is not set), so everyone may do everything. Users added here count once "
        "sign-in is on.",
        "Aanmelden staat uit (KCC_AUTH is niet ingesteld), dus iedereen mag alles. Gebruikers die u hier "
        "toevoegt tellen zodra aanmelden aan staat.",
    ),
    "admin.users": ("Users", "Gebruikers"),
    "admin.no_users": ("No users yet.", "Nog geen gebruikers."),
    "admin.role": ("Role", "Rol"),
    "admin.centre_roles": ("Role per centre", "Rol per centrum"),
    "admin.kind": ("Signs in with", "Meldt zich aan met"),
    "admin.kind_local": ("password", "wachtwoord"),
    "admin.kind_identity": ("organisation account", "organisatieaccount"),
    "admin.disabled": ("Disabled", "Uitgeschakeld"),
    "admin.updated": ("Last change (by)", "Laatste wijziging (door)"),
    "admin.add": ("Add a user", "Gebruiker toevoegen"),
    "admin.add_help_local": (
        "A user name and a password the user changes by asking an admin for a reset.",
        "Een gebruikersnaam en een wachtwoord; de gebruiker krijgt een nieuw wachtwoord via een beheerder.",
    ),
    "admin.add_help_identity": (
        "Enter the user's e-mail as their user name and leave the password empty: they sign in with their "
        "organisation account. Users without an entry here get the default role (KCC_DEFAULT_ROLE).",
        "Vul het e-mailadres van de gebruiker in als gebruikersnaam en laat het wachtwoord leeg: de gebruiker "
        "meldt zich aan met het organisatieaccount. Gebruikers die hier niet staan krijgen de standaardrol "
        "(KCC_DEFAULT_ROLE).",
    ),
    "admin.add_button": ("Add user", "Gebruiker toevoegen"),
    "admin.added": ("User {login} added.", "Gebruiker {login} toegevoegd."),
    "admin.change": ("Change a user", "Gebruiker wijzigen"),
    "admin.pick": ("User", "Gebruiker"),
    "admin.set_role": ("Set role", "Rol instellen"),
    "admin.role_set": ("Role of {login} changed.", "Rol van {login} gewijzigd."),
    "admin.disable": ("Disable", "Uitschakelen"),
    "admin.enable": ("Enable", "Inschakelen"),
    "admin.now_disabled": (
        "{login} is disabled and is signed out at their next step.",
        "{login} is uitgeschakeld en wordt bij de volgende stap afgemeld.",
    ),
    "admin.now_enabled": ("{login} is enabled again.", "{login} is weer ingeschakeld."),
    "admin.centre": ("Centre", "Centrum"),
    "admin.centre_role": ("Role in this centre", "Rol in dit centrum"),
    "admin.global_role": ("the global role ({role})", "de algemene rol ({role})"),
    "admin.set_centre_role": ("Set role in centre", "Rol in centrum instellen"),
    "admin.centre_role_set": ("Role of {login} in the centre changed.", "Rol van {login} in het centrum gewijzigd."),
    "admin.password_help": (
        "A new password of at least {limit} characters; tell it to the user yourself.",
        "Een nieuw wachtwoord van minstens {limit} tekens; geef het zelf door aan de gebruiker.",
    ),
    "admin.new_password": ("New password", "Nieuw wachtwoord"),
    "admin.reset_password": ("Reset password", "Wachtwoord opnieuw instellen"),
    "admin.password_reset": ("Password of {login} reset.", "Wachtwoord van {login} opnieuw ingesteld."),
}
