package gen

// Words for names and descriptions, from the Modena plan's vocabulary.

var areaNames = []string{
	"Competitività delle imprese", "Competitività del territorio", "Competitività dell'Ente",
	"Semplificazione e trasparenza", "Sviluppo sostenibile", "Regolazione del mercato",
	"Digitalizzazione dei servizi", "Capitale umano", "Internazionalizzazione", "Efficienza della gestione",
}

var sharedNames = []string{
	"iscritte nel Registro Imprese", "attive al 31/12 dell'anno n (comprese unità locali)",
	"artigiane attive", "femminili attive", "giovanili attive", "straniere attive",
}

var strategicNames = []string{
	"Promuovere", "Sostenere", "Valorizzare", "Semplificare", "Sviluppare", "Qualificare", "Rafforzare",
}

var operationalNames = []string{
	"Incentivare il processo di", "Efficientare i servizi di", "Stimolare la maturità digitale per",
	"Agevolare azioni di", "Garantire la tempestività di", "Accompagnare le imprese nella",
}

var topics = []string{
	"internazionalizzazione", "digitalizzazione", "sviluppo d'impresa", "orientamento al lavoro",
	"sostenibilità ambientale", "regolazione del mercato", "trasparenza amministrativa",
	"tutela del consumatore", "promozione turistica", "formazione continua", "alternanza scuola-lavoro",
	"prevenzione della crisi d'impresa", "mediazione e arbitrato", "qualità dei servizi", "innovazione tecnologica",
}

var subjects = []string{
	"imprese", "partecipanti", "studenti", "pratiche", "controlli", "fatture", "istanze", "voucher",
	"iniziative", "eventi", "beneficiari", "dispositivi di firma digitale", "colloqui", "prodotti certificati",
}

var qualifiers = []string{
	"coinvolte nelle iniziative di", "beneficiarie dei contributi per", "evase nell'anno in materia di",
	"realizzate per stimolare la", "organizzati nell'anno dal PID per la", "gestiti digitalmente nell'ambito della",
	"\"a campione\" nell'ambito della",
}

var offices = []string{
	"ragioneria", "Registro Imprese", "promozione", "personale", "affari generali", "metrologia legale", "protesti",
}

var deadlines = []string{
	"Adozione del regolamento", "Realizzazione indagine di customer satisfaction", "Emissione del ruolo",
	"Pubblicazione in Amministrazione Trasparente del report", "Informatizzazione del registro",
	"Sottoscrizione del contratto",
}

var comments = []string{
	"OCR: code garbled in the source table; reconstructed from the siblings",
	"W200 (kept as published): a lowered target (target diminuito)",
	"2023 cut at the right edge: left out",
	"weight lost in the OCR; filled from the siblings",
}
