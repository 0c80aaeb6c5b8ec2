using CommitmentTracker.Persistence;

namespace CommitmentTracker.Tagging.Data;

/// <summary>
/// The suggestion rules every installation starts with (OGP's flags are mapped in <see cref="PolicyAreaMapping"/>).
/// Admins change them through <c>/api/tag-rules</c>; a rule's phrases are whole words, case and accent insensitive, and
/// a trailing <c>*</c> matches any word ending. Context lists: <c>Disclose…</c> make a mention of contracts about their
/// disclosure, <c>ProcurementTopic…</c> make "procurement" the topic (law, reform, transparency, data, system…), and
/// <c>ProcurementMeans…</c> mark it as the means of buying something, or an office's name. Tuned on the labelled
/// evaluation set (tests/CommitmentTracker.Tagging.Tests/Evaluation), which was written after reading OGP's real rows.
/// </summary>
internal static class RuleSeed
{
    private static readonly string[] DiscloseEn =
    [
        "publish*", "publication", "disclos*", "made public", "make public", "full text", "in full", "open data", "open format", "machine-readable",
        "register", "registers", "registry", "repositor*", "cadastre", "OCDS", "public access",
    ];

    private static readonly string[] DiscloseEs =
    [
        "publicar", "publicará*", "publicarán", "publicado*", "publicada*", "publique*", "publicación", "publicaciones", "publicidad", "divulga*",
        "hacer públic*", "texto íntegro", "íntegramente", "datos abiertos", "registro", "repositorio", "catastro", "acceso público",
    ];

    private static readonly string[] DiscloseFr =
    [
        "publier", "publiera*", "publié*", "publiée*", "publication*", "publicité", "divulg*", "rendre public*", "rendus publics", "texte intégral",
        "intégralement", "données ouvertes", "registre", "cadastre", "accès public",
    ];

    private static readonly string[] DisclosePt =
    [
        "publicar", "publicará*", "publicarão", "publicado*", "publicada*", "publique*", "publicação", "publicações", "publicidade", "divulga*",
        "tornar públic*", "íntegra", "dados abertos", "formato aberto", "registro", "repositório", "acesso público",
    ];

    private static readonly string[] DiscloseRu =
    [
        "публик*", "опубликова*", "раскрыт*", "раскрыва*", "реестр*", "открыт* доступ*", "открыт* данн*", "машиночитаем*", "открыт* формат*",
    ];

    private static readonly string[] ProcurementTopicEn =
    [
        "law*", "legislation", "legal", "regulation*", "regulatory", "regulator*", "bylaw*", "by-law*", "code", "rules", "reform*", "transparen*",
        "openness", "open", "data", "information", "disclos*", "publish*", "publication", "register*", "registry", "portal*", "system*", "platform*",
        "integrity", "corrupt*", "accountab*", "efficien*", "competiti*", "monitor*", "oversight", "audit*", "complaint*", "review", "professional*",
        "officers", "certif*", "capacity", "standard*", "strategy", "policy", "policies", "framework*", "practices", "sustainable", "green", "SMEs",
        "small businesses", "women", "electronic", "e-procurement", "digital", "centrali*", "consolidat*", "risk*", "red flag*", "planning", "plans",
        "contracting", "spending", "cycle", "malfeasance", "collusion", "cartel*", "direct awards", "direct award", "non-competitive", "single-source",
        "single source", "thresholds", "methods", "value for money", "statistics", "indicators", "expenditure*", "financial", "commercial", "performance",
    ];

    private static readonly string[] ProcurementTopicEs =
    [
        "ley", "leyes", "legal", "reglament*", "normativ*", "norma", "reforma*", "transparen*", "abiert*", "datos", "información", "publicar", "publicará*",
        "publicarán", "publicado*", "publicada*", "publique*", "publicación", "publicaciones", "publicidad", "registro", "portal", "sistema*", "plataforma",
        "integridad", "corrupción", "rendición de cuentas", "eficien*", "competencia", "monitore*", "control", "auditor*", "tribunal", "controversias",
        "profesionaliz*", "funcionarios", "certifica*", "capacita*", "estándar*", "estrategia", "política", "sostenib*", "mujeres", "electrónic*",
        "en línea", "digital", "centraliz*", "riesgo*", "planes", "planificación", "directas", "excepciones", "proveedores", "estadísticas", "indicadores",
        "mipymes", "pymes",
    ];

    private static readonly string[] ProcurementTopicFr =
    [
        "loi", "code", "législati*", "réglement*", "régulation", "réforme*", "transparen*", "ouvert*", "données", "information", "publier", "publiera*",
        "publié*", "publiée*", "publication*", "publicité", "registre", "portail", "système", "plateforme", "intégrité", "corruption", "redevabilité",
        "efficacité", "concurrence", "contrôle*", "suivi", "audit*", "recours", "différends", "professionnalis*", "acheteurs", "certifi*", "capacités",
        "norme*", "standard*", "stratégie", "politique", "durable*", "PME", "femmes", "électroniques", "dématérialis*", "numérique", "centralis*", "risques",
        "planification", "gré à gré", "dérogatoires", "statistiques", "indicateurs", "passation", "accès",
    ];

    private static readonly string[] ProcurementTopicPt =
    [
        "lei", "legisla*", "regulament*", "normativ*", "norma", "reforma*", "transparên*", "abert*", "dados", "informaç*", "publicar", "publicará*",
        "publicarão", "publicado*", "publicada*", "publique*", "publicação", "publicações", "publicidade", "registro", "portal", "sistema*", "plataforma",
        "integridade", "corrupção", "prestação de contas", "eficiên*", "concorrência", "monitora*", "controle", "auditor*", "capacita*", "governança",
        "gestão de riscos", "riscos", "padrão", "estratégia", "política", "sustentá*", "mulheres", "eletrônic*", "digital", "centraliza*", "planejamento",
        "dispensas", "inexigibilidade*", "contratações diretas", "agricultura familiar", "estatísticas", "indicadores",
    ];

    private static readonly string[] ProcurementTopicRu =
    [
        "закон*", "законодательств*", "правов*", "регулирован*", "норматив*", "реформ*", "прозрачност*", "открыт*", "данн*", "информаци*", "публик*",
        "реестр*", "портал*", "систем*", "площадк*", "честност*", "коррупц*", "подотчетност*", "эффективност*", "конкуренц*", "мониторинг*", "контрол*",
        "аудит*", "обжалован*", "жалоб*", "квалификац*", "профессиональн*", "стандарт*", "стратеги*", "политик*", "электронн*", "цифров*", "централизац*",
        "риск*", "планирован*", "единственного поставщика", "сговор*", "картел*", "статистик*", "показател*",
    ];

    private static readonly string[] ProcurementMeansEn =
    [
        "procurement agency", "procurement office", "procurement authority", "procurement directorate", "procurement bureau", "procurement department",
        "procurement unit", "procurement commission", "procurement service", "procurement notice*", "procurement procedure for", "procurement of the",
        "procurement of cameras", "procured", "procure", "will procure", "bought through", "acquired through", "purchased through", "contracted following",
        "selected through", "through an open", "through a public", "through public", "through an international", "tender for the", "tender to select",
        "tender evaluated", "tender launched", "launch a tender", "the developer", "developer", "contractor for", "consultant*", "communications agency",
        "agency will be", "cameras", "equipment", "software", "hardware", "servers", "vehicles", "computers", "tablets", "licences for", "training services",
        "services for", "maintenance",
    ];

    private static readonly string[] ProcurementMeansEs =
    [
        "dirección general de contrataciones", "dirección nacional de contrataciones", "oficina nacional de compras", "agencia de compras",
        "unidad de compras", "se adquirirán", "adquirirá", "adquisición de", "mediante una licitación", "mediante un proceso", "licitará",
        "llamado a licitación", "proceso de licitación para", "licitación para", "licitación del", "del desarrollador", "desarrollador", "consultoría",
        "proveedor del", "cámaras", "equipos", "software", "servidores", "vehículos", "computadoras", "licencias del",
    ];

    private static readonly string[] ProcurementMeansFr =
    [
        "direction des marchés", "direction générale des marchés", "agence des marchés", "autorité de régulation des marchés", "marché de fourniture",
        "marché de numérisation", "marché de développement", "avis d'appel d'offres", "seront achetées", "seront achetés", "feront l'objet", "par voie",
        "appel d'offres pour", "appel d'offres ouvert lancé", "achat du matériel", "prestataire", "agence de communication", "scanners", "bornes",
        "logiciel", "matériel",
    ];

    private static readonly string[] ProcurementMeansPt =
    [
        "central de compras", "departamento de licitações", "comissão de licitação", "serão adquiridos", "serão comprados", "adquiridos por meio",
        "comprados por meio", "por meio de licitação", "aquisição dos", "aquisição de", "licitação para compra", "licitação para contratação",
        "processo licitatório para", "homologação da licitação", "edital de licitação para", "contratação da solução", "câmeras", "equipamentos", "tablets",
        "empresa desenvolvedora",
    ];

    private static readonly string[] ProcurementMeansRu =
    [
        "комитет по государственным закупкам", "департамент государственных закупок", "агентство по государственным закупкам", "закупк* оборудовани*",
        "закуплен*", "приобретен*", "путём проведения", "путем проведения", "извещени* о проведении закупки", "закупки на разработку",
        "закупки у единственного поставщика или", "определ* по результатам закупки", "камер*", "оборудовани*", "серверы",
    ];

    public static readonly SuggestionRule[] Rules =
    [
        Rule("ocds", "oc-disclosure", RuleKind.Phrase, null, 0.9, [
            "OCDS", "open contracting data standard", "estándar de datos para las contrataciones abiertas", "estándar de datos de contrataciones abiertas",
            "standard de données sur la commande publique ouverte", "standard de données de la commande publique ouverte",
            "padrão de dados para contratações abertas", "padrão de dados de contratações abertas", "стандарт* данных открытых контрактов",
            "стандарт* данных об открытых контрактах",
        ]),
        Rule("en-open-contracting", "open-contracting", RuleKind.Phrase, "en", 0.8, [
            "open contracting", "contracting transparency", "transparency of contracts", "transparency in public contracts", "contract transparency",
            "disclosure of contracts", "contract disclosure*", "publication of contracts", "publish contracts", "open contracts", "contract repositor*",
            "contracts and licen*", "licen* and contracts", "contracting and licensing", "contract register*", "register of contracts", "contracts register*",
        ]),
        Rule("en-contract-disclosure", "open-contracting", RuleKind.Phrase, "en", 0.6, [
            "contracts", "contract documents", "contracting data", "contract data", "contracting processes", "contracting process", "agreements", "awards",
            "contract awards", "award notice*", "tender notices", "procurement data", "data on procurement", "procurement information", "purchases of",
        ], requires: DiscloseEn, window: 4),
        Rule("en-contracts-by-other-names", "open-contracting", RuleKind.Phrase, "en", 0.6, [
            "concession*", "concession agreement*", "power purchase agreement*", "PPAs", "PPP contract*", "PPPs", "public-private partnership*",
            "public private partnership*", "mining agreement*", "mineral development agreement*", "mining development agreement*", "mining licen*",
            "mining contract*", "exploration licen*", "petroleum licen*", "petroleum agreement*", "oil contract*", "oil and gas contracts",
            "production sharing agreement*", "production sharing contract*", "fishing licen*", "forestry licen*", "licen* holders",
        ], requires: DiscloseEn, excludes: [
            "beneficial owner*", "beneficial ownership",
        ], window: 8),
        Rule("es-open-contracting", "open-contracting", RuleKind.Phrase, "es", 0.8, [
            "contrataciones abiertas", "contratación abierta", "contrataciones públicas abiertas", "transparencia en las contrataciones",
            "publicación de contratos", "publicación de los contratos",
        ]),
        Rule("es-contract-disclosure", "open-contracting", RuleKind.Phrase, "es", 0.6, [
            "contratos", "contratos de concesión", "concesiones", "asociaciones público-privadas", "asociación público-privada", "APP",
            "contratos de compra de energía", "concesiones mineras", "contratos de exploración", "órdenes de compra", "modificaciones contractuales", "adendas",
            "compras de", "datos de compras", "datos de las compras", "adjudicaciones",
        ], requires: DiscloseEs, excludes: [
            "registro de precios", "registro de preços",
        ]),
        Rule("fr-open-contracting", "open-contracting", RuleKind.Phrase, "fr", 0.8, [
            "commande publique ouverte", "contrats ouverts", "contractualisation ouverte", "publication des contrats", "transparence des contrats",
        ]),
        Rule("fr-contract-disclosure", "open-contracting", RuleKind.Phrase, "fr", 0.6, [
            "contrats", "conventions minières", "contrats pétroliers", "contrats de concession", "délégation* de service public", "partenariat* public-privé",
            "PPP", "contrats d'achat d'électricité", "titres miniers", "marchés de", "données des marchés", "données essentielles", "avenants", "achats de",
            "avis d'attribution", "attributions",
        ], requires: DiscloseFr),
        Rule("pt-open-contracting", "open-contracting", RuleKind.Phrase, "pt", 0.8, [
            "contratações abertas", "contratação aberta", "contratos abertos", "transparência dos contratos", "publicação dos contratos",
        ]),
        Rule("pt-contract-disclosure", "open-contracting", RuleKind.Phrase, "pt", 0.6, [
            "contratos", "contratos de concessão", "concessões", "parcerias público-privadas", "PPPs", "contratos de compra de energia", "aditivos", "acordos",
            "compras de", "dados de compras", "dados das compras", "adjudicações",
        ], requires: DisclosePt, excludes: [
            "registro de preços",
        ]),
        Rule("ru-open-contracting", "open-contracting", RuleKind.Phrase, "ru", 0.8, [
            "открыт* контракт*", "открыт* договор*", "прозрачност* контракт*", "публикаци* контракт*",
        ]),
        Rule("ru-contract-disclosure", "open-contracting", RuleKind.Phrase, "ru", 0.6, [
            "контракт*", "договор*", "концесси*", "концессионн* соглашени*", "соглашени* о государственно-частном партн*", "соглашени* о разделе продукции",
            "соглашени* с недропользовател*", "лицензи* на пользование недрами", "данн* о закупк*", "сведени* о закупк*",
        ], requires: DiscloseRu),
        Rule("en-procurement", "public-procurement", RuleKind.Phrase, "en", 0.7, [
            "procurement", "public purchasing", "public tender*", "tendering", "government contracts", "public contracts", "tenders",
        ], requires: ProcurementTopicEn, excludes: ProcurementMeansEn),
        Rule("es-procurement", "public-procurement", RuleKind.Phrase, "es", 0.7, [
            "contrataciones", "contratación pública", "contrataciones públicas", "contrataciones del Estado", "compras públicas", "compras estatales",
            "compras del Estado", "licitación*", "licitaciones", "adquisiciones públicas", "sistema de compras", "contratación electrónica",
        ], requires: ProcurementTopicEs, excludes: ProcurementMeansEs),
        Rule("fr-procurement", "public-procurement", RuleKind.Phrase, "fr", 0.7, [
            "marchés publics", "marché public", "commande publique", "appel* d'offres", "passation des marchés", "acheteurs publics", "achat public",
            "achats publics",
        ], requires: ProcurementTopicFr, excludes: ProcurementMeansFr),
        Rule("pt-procurement", "public-procurement", RuleKind.Phrase, "pt", 0.7, [
            "compras governamentais", "compras públicas", "licitaç*", "contratações públicas", "contratação pública", "pregão", "compras do estado",
        ], requires: ProcurementTopicPt, excludes: ProcurementMeansPt),
        Rule("ru-procurement", "public-procurement", RuleKind.Phrase, "ru", 0.7, [
            "закупк*", "закупок", "госзакуп*", "государственн* закуп*", "тендер*", "торг*", "контрактн* систем*",
        ], requires: ProcurementTopicRu, excludes: ProcurementMeansRu),
        Rule("pp-flag-extractives", "public-procurement", RuleKind.Exclude, null, 0.5, [
            "mining", "mineral*", "extractive*", "oil and gas", "petroleum", "EITI", "natural resource*", "minería", "mineras", "mineros", "hidrocarburos",
            "petroleras", "EITI", "regalías", "minières", "miniers", "minier", "pétroli*", "ITIE", "industries extractives", "mineração", "minerária*",
            "petróleo", "royalties", "недропользовани*", "добывающ*", "нефт*", "ИПДО", "недр*",
        ]),
        Rule("e-procurement", "e-procurement", RuleKind.Phrase, null, 0.75, [
            "e-procurement", "electronic procurement", "e-tendering", "electronic tender*", "e-tender*", "electronic public procurement", "online procurement",
            "e-submission", "electronic submission of bids", "contratación electrónica", "compras electrónicas", "licitación electrónica",
            "compras públicas en línea", "tienda virtual", "catálogo electrónico", "marchés publics électroniques", "dématérialisation des marchés",
            "dépôt électronique des offres", "pregão eletrônico", "compras eletrônicas", "licitação eletrônica", "portal de compras eletrônicas",
            "электронн* закуп*", "электронн* торг*", "электронн* площадк*", "электронн* аукцион*", "электронн* магазин*", "электронн* приемк*",
            "электронн* приёмк*",
        ]),
        Rule("e-procurement-context", "e-procurement", RuleKind.Phrase, null, 0.6, [
            "electronic system", "electronic platform", "online platform", "online system", "automated system", "automated tendering", "electronic module",
            "e-contract*", "web portal", "electronic", "sistema electrónico", "plataforma electrónica", "en línea", "plateforme électronique", "en ligne",
            "électronique*", "sistema eletrônico", "plataforma eletrônica", "eletrônic*", "online", "электронн*",
        ], requires: [
            "procurement", "tender*", "tendering", "bids", "bidding", "compras", "contrataciones", "licitaci*", "marchés", "offres", "achats", "licitaç*",
            "pregão", "contratações", "закуп*", "торг*", "аукцион*",
        ], window: 2),
        Rule("beneficial-ownership", "beneficial-ownership", RuleKind.Phrase, null, 0.75, [
            "beneficial owner*", "ultimate owner*", "beneficiario* final*", "propietario* real*", "bénéficiaire* effecti*", "propriété effective",
            "propriétaires réels", "beneficiário* fina*", "proprietário* beneficiário*", "конечн* бенефициар*", "бенефициарн* владел*",
        ]),
        Rule("oc-participation", "oc-participation", RuleKind.Phrase, null, 0.55, [
            "contract monitoring", "monitoring of contracts", "procurement monitoring", "monitoring of public procurement", "monitor the contracts",
            "monitor contracts", "integrity pact*", "monitoreo de contratos", "veedurí*", "vigilar la contratación", "suivi des contrats",
            "observateurs indépendants", "monitoramento de contratos", "monitoramento de licitações", "observatórios sociais", "мониторинг* закуп*",
            "общественн* мониторинг* закуп*", "мониторинг закупок",
        ], requires: [
            "contract*", "procurement", "tender*", "bid*", "contrat*", "licitaci*", "obra* pública*", "marchés", "licitaç*", "obras", "закуп*", "контракт*",
        ], window: 8),
        Rule("oc-participation-monitors", "oc-participation", RuleKind.Phrase, null, 0.55, [
            "citizen monitoring", "community monitor*", "third-party monitoring", "social audit*", "civil society observers", "monitoreo ciudadano",
            "contrôle citoyen", "suivi citoyen", "comités citoyens", "controle social", "monitoramento cidadão", "общественн* контрол*",
            "общественн* мониторинг*",
        ], requires: [
            "contract*", "procurement", "tender*", "bid openings", "contrat*", "licitaci*", "marchés", "licitaç*", "закуп*", "контракт*",
        ], window: 8),
        Rule("sector-health", "sector-health", RuleKind.Phrase, null, 0.4, [
            "health", "hospital*", "medicines", "medical supplies", "salud", "hospitales", "medicamentos", "santé", "médicaments", "saúde", "здравоохранен*",
            "больниц*", "лекарств*",
        ], excludes: [
            "ministry of health", "good health", "health and well-being", "SDG 3", "health of", "safety and health", "occupational", "ministerio de salud",
            "salud y bienestar", "ODS 3", "atención psicológica y de salud", "ministère de la santé", "santé démocratique", "santé au travail",
            "ministério da saúde", "saúde e bem-estar", "segurança e saúde", "министерство здравоохранения", "здоровье и благополучие", "здоровья населения",
            "охраны труда и здоровья",
        ], window: 2),
        Rule("sector-education", "sector-education", RuleKind.Phrase, null, 0.4, [
            "education", "school*", "classrooms", "educación", "escuelas", "éducation", "écoles", "educação", "escolas", "escolar", "образовани*", "школ*",
        ], excludes: [
            "information, education and communication", "information education and communication", "civic education", "legal education", "ministry of education",
            "quality education", "educación cívica", "educación financiera", "información, educación y comunicación", "ministerio de educación",
            "educación de calidad", "d'éducation et de communication", "éducation civique", "ministère de l'éducation", "educação cidadã", "educação fiscal",
            "informação, educação e comunicação", "ministério da educação", "secretaria da educação", "educação de qualidade",
            "информирования, образования и коммуникации", "гражданского образования", "министерство образования", "качество образования",
            "качественное образование", "escolas e vizinhos", "escuelas y vecinos",
        ], window: 2),
        Rule("sector-infrastructure", "sector-infrastructure", RuleKind.Phrase, null, 0.45, [
            "infrastructure", "public works", "construction contracts", "roads", "road construction", "bridges", "infraestructura", "obras públicas",
            "obra pública", "obras viales", "carreteras", "travaux publics", "routes", "routiers", "contrats de construction", "marchés de construction",
            "contratos de construcción", "contratos de construção", "obras", "infraestrutura", "obras públicas", "rodovias", "инфраструктур*", "дорог*", "мост*",
            "строительств*",
        ], excludes: [
            "data infrastructure", "spatial data", "information infrastructure", "digital infrastructure", "IT infrastructure", "ICT infrastructure",
            "public key infrastructure", "interoperability", "exchange infrastructure", "infraestructura de datos", "infraestructura tecnológica",
            "infraestructura de interoperabilidad", "infrastructure de données", "infrastructure numérique", "infrastructure nationale de données",
            "infraestrutura de dados", "infraestrutura tecnológica", "инфраструктур* данн*", "пространственных данных", "информационн* инфраструктур*",
            "цифров* инфраструктур*", "open data",
        ], window: 2),
        Rule("sector-extractives", "sector-extractives", RuleKind.Phrase, null, 0.5, [
            "extractive*", "mining", "oil and gas", "EITI", "extractivas", "minería", "mineras", "hidrocarburos", "industries extractives", "minières", "minier",
            "pétroliers", "ITIE", "mineração", "petróleo", "mineral*", "добывающ*", "недропользовани*", "ИПДО", "нефт* и газ*",
        ]),
    ];

    private static SuggestionRule Rule(
        string id, string tag, string kind, string? language, double confidence, string[] phrases, string[]? requires = null, string[]? excludes = null, int window = SuggestionRule.DefaultWindow) =>
        new()
        {
            Id = id, TagId = tag, Kind = kind, Language = language, Confidence = confidence, Phrases = StoredLines.Join(phrases),
            Requires = StoredLines.Join(requires ?? []), Excludes = StoredLines.Join(excludes ?? []), Window = window,
        };
}
