using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CommitmentTracker.Tagging.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InboxMessages",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HandledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessages", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageType = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CorrelationId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    TraceParent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    TraceState = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LockToken = table.Column<Guid>(type: "uuid", nullable: true),
                    LockedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecomputeJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Processed = table.Column<int>(type: "integer", nullable: false),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    Updated = table.Column<int>(type: "integer", nullable: false),
                    Superseded = table.Column<int>(type: "integer", nullable: false),
                    LastCommitmentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LockToken = table.Column<Guid>(type: "uuid", nullable: true),
                    LockedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecomputeJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TagAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CommitmentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TagId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Organisation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SuggestionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TagAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tags",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Label = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ParentId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    Confirmation = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tags_Tags_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrackedCommitments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ActionPlanId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    FullText = table.Column<string>(type: "text", nullable: true),
                    LeadInstitution = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SupportingInstitutions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Theme = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PolicyAreas = table.Column<string>(type: "text", nullable: false),
                    TextHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Removed = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackedCommitments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalibrationPriors",
                columns: table => new
                {
                    TagId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    EvidenceKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Rejected = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalibrationPriors", x => new { x.TagId, x.EvidenceKind });
                    table.ForeignKey(
                        name: "FK_CalibrationPriors_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CommitmentTags",
                columns: table => new
                {
                    CommitmentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TagId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SuggestionId = table.Column<Guid>(type: "uuid", nullable: true),
                    TaggedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TextChangedSinceConfirmation = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitmentTags", x => new { x.CommitmentId, x.TagId });
                    table.ForeignKey(
                        name: "FK_CommitmentTags_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SuggestionRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    TagId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Phrases = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Requires = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Excludes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Window = table.Column<int>(type: "integer", nullable: false),
                    Confidence = table.Column<double>(type: "double precision", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuggestionRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuggestionRules_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TagPolicyAreas",
                columns: table => new
                {
                    TagId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    PolicyAreas = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Confidence = table.Column<double>(type: "double precision", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TagPolicyAreas", x => x.TagId);
                    table.ForeignKey(
                        name: "FK_TagPolicyAreas_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TagSuggestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitmentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    TagId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Confidence = table.Column<double>(type: "double precision", nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EvidenceKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PrimaryRule = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Calibration = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsOpen = table.Column<bool>(type: "boolean", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TextHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SuggestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TagSuggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TagSuggestions_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "Tags",
                columns: new[] { "Id", "Confirmation", "Description", "Label", "ParentId", "Retired" },
                values: new object[,]
                {
                    { "beneficial-ownership", "one-liaison", "Disclosure of who ultimately owns or controls companies, including suppliers.", "Beneficial ownership", null, false },
                    { "e-procurement", "one-liaison", "Electronic procurement systems and platforms.", "E-procurement", null, false },
                    { "open-contracting", "both-organisations", "Commitments to open up public contracting: disclosure of contracting data and documents, and engagement across the contracting process.", "Open contracting", null, false },
                    { "public-procurement", "one-liaison", "Reforms of how governments buy goods, works and services.", "Public procurement", null, false },
                    { "sector-education", "one-liaison", "Contracting and procurement in the education sector.", "Sector: education", null, false },
                    { "sector-extractives", "one-liaison", "Contracts and licences in oil, gas and mining.", "Sector: extractives", null, false },
                    { "sector-health", "one-liaison", "Contracting and procurement in the health sector.", "Sector: health", null, false },
                    { "sector-infrastructure", "one-liaison", "Contracting for public works and infrastructure.", "Sector: infrastructure", null, false }
                });

            migrationBuilder.InsertData(
                table: "CalibrationPriors",
                columns: new[] { "EvidenceKind", "TagId", "Accepted", "Rejected" },
                values: new object[,]
                {
                    { "body-text", "beneficial-ownership", 0, 1 },
                    { "flag+text", "beneficial-ownership", 16, 0 },
                    { "body-text", "e-procurement", 2, 1 },
                    { "text", "e-procurement", 15, 0 },
                    { "weak-text", "e-procurement", 0, 1 },
                    { "body-text", "open-contracting", 1, 1 },
                    { "flag", "open-contracting", 16, 0 },
                    { "flag+text", "open-contracting", 31, 0 },
                    { "text", "open-contracting", 22, 0 },
                    { "weak-text", "open-contracting", 0, 10 },
                    { "flag", "public-procurement", 12, 0 },
                    { "flag-contradicted", "public-procurement", 0, 14 },
                    { "flag+text", "public-procurement", 60, 0 },
                    { "text", "public-procurement", 0, 3 },
                    { "weak-text", "public-procurement", 0, 1 },
                    { "body-text", "sector-education", 0, 1 },
                    { "flag", "sector-education", 1, 0 },
                    { "flag+text", "sector-education", 6, 0 },
                    { "text", "sector-education", 0, 2 },
                    { "flag", "sector-extractives", 1, 0 },
                    { "flag+text", "sector-extractives", 13, 0 },
                    { "body-text", "sector-health", 0, 1 },
                    { "flag+text", "sector-health", 8, 0 },
                    { "text", "sector-health", 0, 3 },
                    { "body-text", "sector-infrastructure", 0, 2 },
                    { "flag", "sector-infrastructure", 2, 0 },
                    { "flag+text", "sector-infrastructure", 11, 0 },
                    { "text", "sector-infrastructure", 3, 0 }
                });

            migrationBuilder.InsertData(
                table: "SuggestionRules",
                columns: new[] { "Id", "Confidence", "Enabled", "Excludes", "Kind", "Language", "Phrases", "Requires", "TagId", "Version", "Window" },
                values: new object[,]
                {
                    { "beneficial-ownership", 0.75, true, "", "phrase", null, "beneficial owner*\nultimate owner*\nbeneficiario* final*\npropietario* real*\nbénéficiaire* effecti*\npropriété effective\npropriétaires réels\nbeneficiário* fina*\nproprietário* beneficiário*\nконечн* бенефициар*\nбенефициарн* владел*", "", "beneficial-ownership", 1, 6 },
                    { "e-procurement", 0.75, true, "", "phrase", null, "e-procurement\nelectronic procurement\ne-tendering\nelectronic tender*\ne-tender*\nelectronic public procurement\nonline procurement\ne-submission\nelectronic submission of bids\ncontratación electrónica\ncompras electrónicas\nlicitación electrónica\ncompras públicas en línea\ntienda virtual\ncatálogo electrónico\nmarchés publics électroniques\ndématérialisation des marchés\ndépôt électronique des offres\npregão eletrônico\ncompras eletrônicas\nlicitação eletrônica\nportal de compras eletrônicas\nэлектронн* закуп*\nэлектронн* торг*\nэлектронн* площадк*\nэлектронн* аукцион*\nэлектронн* магазин*\nэлектронн* приемк*\nэлектронн* приёмк*", "", "e-procurement", 1, 6 },
                    { "e-procurement-context", 0.59999999999999998, true, "", "phrase", null, "electronic system\nelectronic platform\nonline platform\nonline system\nautomated system\nautomated tendering\nelectronic module\ne-contract*\nweb portal\nelectronic\nsistema electrónico\nplataforma electrónica\nen línea\nplateforme électronique\nen ligne\nélectronique*\nsistema eletrônico\nplataforma eletrônica\neletrônic*\nonline\nэлектронн*", "procurement\ntender*\ntendering\nbids\nbidding\ncompras\ncontrataciones\nlicitaci*\nmarchés\noffres\nachats\nlicitaç*\npregão\ncontratações\nзакуп*\nторг*\nаукцион*", "e-procurement", 1, 2 },
                    { "en-contract-disclosure", 0.59999999999999998, true, "", "phrase", "en", "contracts\ncontract documents\ncontracting data\ncontract data\ncontracting processes\ncontracting process\nagreements\nawards\ncontract awards\naward notice*\ntender notices\nprocurement data\ndata on procurement\nprocurement information\npurchases of", "publish*\npublication\ndisclos*\nmade public\nmake public\nfull text\nin full\nopen data\nopen format\nmachine-readable\nregister\nregisters\nregistry\nrepositor*\ncadastre\nOCDS\npublic access", "open-contracting", 1, 4 },
                    { "en-contracts-by-other-names", 0.59999999999999998, true, "beneficial owner*\nbeneficial ownership", "phrase", "en", "concession*\nconcession agreement*\npower purchase agreement*\nPPAs\nPPP contract*\nPPPs\npublic-private partnership*\npublic private partnership*\nmining agreement*\nmineral development agreement*\nmining development agreement*\nmining licen*\nmining contract*\nexploration licen*\npetroleum licen*\npetroleum agreement*\noil contract*\noil and gas contracts\nproduction sharing agreement*\nproduction sharing contract*\nfishing licen*\nforestry licen*\nlicen* holders", "publish*\npublication\ndisclos*\nmade public\nmake public\nfull text\nin full\nopen data\nopen format\nmachine-readable\nregister\nregisters\nregistry\nrepositor*\ncadastre\nOCDS\npublic access", "open-contracting", 1, 8 },
                    { "en-open-contracting", 0.80000000000000004, true, "", "phrase", "en", "open contracting\ncontracting transparency\ntransparency of contracts\ntransparency in public contracts\ncontract transparency\ndisclosure of contracts\ncontract disclosure*\npublication of contracts\npublish contracts\nopen contracts\ncontract repositor*\ncontracts and licen*\nlicen* and contracts\ncontracting and licensing\ncontract register*\nregister of contracts\ncontracts register*", "", "open-contracting", 1, 6 },
                    { "en-procurement", 0.69999999999999996, true, "procurement agency\nprocurement office\nprocurement authority\nprocurement directorate\nprocurement bureau\nprocurement department\nprocurement unit\nprocurement commission\nprocurement service\nprocurement notice*\nprocurement procedure for\nprocurement of the\nprocurement of cameras\nprocured\nprocure\nwill procure\nbought through\nacquired through\npurchased through\ncontracted following\nselected through\nthrough an open\nthrough a public\nthrough public\nthrough an international\ntender for the\ntender to select\ntender evaluated\ntender launched\nlaunch a tender\nthe developer\ndeveloper\ncontractor for\nconsultant*\ncommunications agency\nagency will be\ncameras\nequipment\nsoftware\nhardware\nservers\nvehicles\ncomputers\ntablets\nlicences for\ntraining services\nservices for\nmaintenance", "phrase", "en", "procurement\npublic purchasing\npublic tender*\ntendering\ngovernment contracts\npublic contracts\ntenders", "law*\nlegislation\nlegal\nregulation*\nregulatory\nregulator*\nbylaw*\nby-law*\ncode\nrules\nreform*\ntransparen*\nopenness\nopen\ndata\ninformation\ndisclos*\npublish*\npublication\nregister*\nregistry\nportal*\nsystem*\nplatform*\nintegrity\ncorrupt*\naccountab*\nefficien*\ncompetiti*\nmonitor*\noversight\naudit*\ncomplaint*\nreview\nprofessional*\nofficers\ncertif*\ncapacity\nstandard*\nstrategy\npolicy\npolicies\nframework*\npractices\nsustainable\ngreen\nSMEs\nsmall businesses\nwomen\nelectronic\ne-procurement\ndigital\ncentrali*\nconsolidat*\nrisk*\nred flag*\nplanning\nplans\ncontracting\nspending\ncycle\nmalfeasance\ncollusion\ncartel*\ndirect awards\ndirect award\nnon-competitive\nsingle-source\nsingle source\nthresholds\nmethods\nvalue for money\nstatistics\nindicators\nexpenditure*\nfinancial\ncommercial\nperformance", "public-procurement", 1, 6 },
                    { "es-contract-disclosure", 0.59999999999999998, true, "registro de precios\nregistro de preços", "phrase", "es", "contratos\ncontratos de concesión\nconcesiones\nasociaciones público-privadas\nasociación público-privada\nAPP\ncontratos de compra de energía\nconcesiones mineras\ncontratos de exploración\nórdenes de compra\nmodificaciones contractuales\nadendas\ncompras de\ndatos de compras\ndatos de las compras\nadjudicaciones", "publicar\npublicará*\npublicarán\npublicado*\npublicada*\npublique*\npublicación\npublicaciones\npublicidad\ndivulga*\nhacer públic*\ntexto íntegro\níntegramente\ndatos abiertos\nregistro\nrepositorio\ncatastro\nacceso público", "open-contracting", 1, 6 },
                    { "es-open-contracting", 0.80000000000000004, true, "", "phrase", "es", "contrataciones abiertas\ncontratación abierta\ncontrataciones públicas abiertas\ntransparencia en las contrataciones\npublicación de contratos\npublicación de los contratos", "", "open-contracting", 1, 6 },
                    { "es-procurement", 0.69999999999999996, true, "dirección general de contrataciones\ndirección nacional de contrataciones\noficina nacional de compras\nagencia de compras\nunidad de compras\nse adquirirán\nadquirirá\nadquisición de\nmediante una licitación\nmediante un proceso\nlicitará\nllamado a licitación\nproceso de licitación para\nlicitación para\nlicitación del\ndel desarrollador\ndesarrollador\nconsultoría\nproveedor del\ncámaras\nequipos\nsoftware\nservidores\nvehículos\ncomputadoras\nlicencias del", "phrase", "es", "contrataciones\ncontratación pública\ncontrataciones públicas\ncontrataciones del Estado\ncompras públicas\ncompras estatales\ncompras del Estado\nlicitación*\nlicitaciones\nadquisiciones públicas\nsistema de compras\ncontratación electrónica", "ley\nleyes\nlegal\nreglament*\nnormativ*\nnorma\nreforma*\ntransparen*\nabiert*\ndatos\ninformación\npublicar\npublicará*\npublicarán\npublicado*\npublicada*\npublique*\npublicación\npublicaciones\npublicidad\nregistro\nportal\nsistema*\nplataforma\nintegridad\ncorrupción\nrendición de cuentas\neficien*\ncompetencia\nmonitore*\ncontrol\nauditor*\ntribunal\ncontroversias\nprofesionaliz*\nfuncionarios\ncertifica*\ncapacita*\nestándar*\nestrategia\npolítica\nsostenib*\nmujeres\nelectrónic*\nen línea\ndigital\ncentraliz*\nriesgo*\nplanes\nplanificación\ndirectas\nexcepciones\nproveedores\nestadísticas\nindicadores\nmipymes\npymes", "public-procurement", 1, 6 },
                    { "fr-contract-disclosure", 0.59999999999999998, true, "", "phrase", "fr", "contrats\nconventions minières\ncontrats pétroliers\ncontrats de concession\ndélégation* de service public\npartenariat* public-privé\nPPP\ncontrats d'achat d'électricité\ntitres miniers\nmarchés de\ndonnées des marchés\ndonnées essentielles\navenants\nachats de\navis d'attribution\nattributions", "publier\npubliera*\npublié*\npubliée*\npublication*\npublicité\ndivulg*\nrendre public*\nrendus publics\ntexte intégral\nintégralement\ndonnées ouvertes\nregistre\ncadastre\naccès public", "open-contracting", 1, 6 },
                    { "fr-open-contracting", 0.80000000000000004, true, "", "phrase", "fr", "commande publique ouverte\ncontrats ouverts\ncontractualisation ouverte\npublication des contrats\ntransparence des contrats", "", "open-contracting", 1, 6 },
                    { "fr-procurement", 0.69999999999999996, true, "direction des marchés\ndirection générale des marchés\nagence des marchés\nautorité de régulation des marchés\nmarché de fourniture\nmarché de numérisation\nmarché de développement\navis d'appel d'offres\nseront achetées\nseront achetés\nferont l'objet\npar voie\nappel d'offres pour\nappel d'offres ouvert lancé\nachat du matériel\nprestataire\nagence de communication\nscanners\nbornes\nlogiciel\nmatériel", "phrase", "fr", "marchés publics\nmarché public\ncommande publique\nappel* d'offres\npassation des marchés\nacheteurs publics\nachat public\nachats publics", "loi\ncode\nlégislati*\nréglement*\nrégulation\nréforme*\ntransparen*\nouvert*\ndonnées\ninformation\npublier\npubliera*\npublié*\npubliée*\npublication*\npublicité\nregistre\nportail\nsystème\nplateforme\nintégrité\ncorruption\nredevabilité\nefficacité\nconcurrence\ncontrôle*\nsuivi\naudit*\nrecours\ndifférends\nprofessionnalis*\nacheteurs\ncertifi*\ncapacités\nnorme*\nstandard*\nstratégie\npolitique\ndurable*\nPME\nfemmes\nélectroniques\ndématérialis*\nnumérique\ncentralis*\nrisques\nplanification\ngré à gré\ndérogatoires\nstatistiques\nindicateurs\npassation\naccès", "public-procurement", 1, 6 },
                    { "pp-flag-extractives", 0.5, true, "", "exclude", null, "mining\nmineral*\nextractive*\noil and gas\npetroleum\nEITI\nnatural resource*\nminería\nmineras\nmineros\nhidrocarburos\npetroleras\nEITI\nregalías\nminières\nminiers\nminier\npétroli*\nITIE\nindustries extractives\nmineração\nminerária*\npetróleo\nroyalties\nнедропользовани*\nдобывающ*\nнефт*\nИПДО\nнедр*", "", "public-procurement", 1, 6 },
                    { "pt-contract-disclosure", 0.59999999999999998, true, "registro de preços", "phrase", "pt", "contratos\ncontratos de concessão\nconcessões\nparcerias público-privadas\nPPPs\ncontratos de compra de energia\naditivos\nacordos\ncompras de\ndados de compras\ndados das compras\nadjudicações", "publicar\npublicará*\npublicarão\npublicado*\npublicada*\npublique*\npublicação\npublicações\npublicidade\ndivulga*\ntornar públic*\níntegra\ndados abertos\nformato aberto\nregistro\nrepositório\nacesso público", "open-contracting", 1, 6 },
                    { "pt-open-contracting", 0.80000000000000004, true, "", "phrase", "pt", "contratações abertas\ncontratação aberta\ncontratos abertos\ntransparência dos contratos\npublicação dos contratos", "", "open-contracting", 1, 6 },
                    { "pt-procurement", 0.69999999999999996, true, "central de compras\ndepartamento de licitações\ncomissão de licitação\nserão adquiridos\nserão comprados\nadquiridos por meio\ncomprados por meio\npor meio de licitação\naquisição dos\naquisição de\nlicitação para compra\nlicitação para contratação\nprocesso licitatório para\nhomologação da licitação\nedital de licitação para\ncontratação da solução\ncâmeras\nequipamentos\ntablets\nempresa desenvolvedora", "phrase", "pt", "compras governamentais\ncompras públicas\nlicitaç*\ncontratações públicas\ncontratação pública\npregão\ncompras do estado", "lei\nlegisla*\nregulament*\nnormativ*\nnorma\nreforma*\ntransparên*\nabert*\ndados\ninformaç*\npublicar\npublicará*\npublicarão\npublicado*\npublicada*\npublique*\npublicação\npublicações\npublicidade\nregistro\nportal\nsistema*\nplataforma\nintegridade\ncorrupção\nprestação de contas\neficiên*\nconcorrência\nmonitora*\ncontrole\nauditor*\ncapacita*\ngovernança\ngestão de riscos\nriscos\npadrão\nestratégia\npolítica\nsustentá*\nmulheres\neletrônic*\ndigital\ncentraliza*\nplanejamento\ndispensas\ninexigibilidade*\ncontratações diretas\nagricultura familiar\nestatísticas\nindicadores", "public-procurement", 1, 6 },
                    { "ru-contract-disclosure", 0.59999999999999998, true, "", "phrase", "ru", "контракт*\nдоговор*\nконцесси*\nконцессионн* соглашени*\nсоглашени* о государственно-частном партн*\nсоглашени* о разделе продукции\nсоглашени* с недропользовател*\nлицензи* на пользование недрами\nданн* о закупк*\nсведени* о закупк*", "публик*\nопубликова*\nраскрыт*\nраскрыва*\nреестр*\nоткрыт* доступ*\nоткрыт* данн*\nмашиночитаем*\nоткрыт* формат*", "open-contracting", 1, 6 },
                    { "ru-open-contracting", 0.80000000000000004, true, "", "phrase", "ru", "открыт* контракт*\nоткрыт* договор*\nпрозрачност* контракт*\nпубликаци* контракт*", "", "open-contracting", 1, 6 },
                    { "ru-procurement", 0.69999999999999996, true, "комитет по государственным закупкам\nдепартамент государственных закупок\nагентство по государственным закупкам\nзакупк* оборудовани*\nзакуплен*\nприобретен*\nпутём проведения\nпутем проведения\nизвещени* о проведении закупки\nзакупки на разработку\nзакупки у единственного поставщика или\nопредел* по результатам закупки\nкамер*\nоборудовани*\nсерверы", "phrase", "ru", "закупк*\nзакупок\nгосзакуп*\nгосударственн* закуп*\nтендер*\nторг*\nконтрактн* систем*", "закон*\nзаконодательств*\nправов*\nрегулирован*\nнорматив*\nреформ*\nпрозрачност*\nоткрыт*\nданн*\nинформаци*\nпублик*\nреестр*\nпортал*\nсистем*\nплощадк*\nчестност*\nкоррупц*\nподотчетност*\nэффективност*\nконкуренц*\nмониторинг*\nконтрол*\nаудит*\nобжалован*\nжалоб*\nквалификац*\nпрофессиональн*\nстандарт*\nстратеги*\nполитик*\nэлектронн*\nцифров*\nцентрализац*\nриск*\nпланирован*\nединственного поставщика\nсговор*\nкартел*\nстатистик*\nпоказател*", "public-procurement", 1, 6 },
                    { "sector-education", 0.40000000000000002, true, "information, education and communication\ninformation education and communication\ncivic education\nlegal education\nministry of education\nquality education\neducación cívica\neducación financiera\ninformación, educación y comunicación\nministerio de educación\neducación de calidad\nd'éducation et de communication\néducation civique\nministère de l'éducation\neducação cidadã\neducação fiscal\ninformação, educação e comunicação\nministério da educação\nsecretaria da educação\neducação de qualidade\nинформирования, образования и коммуникации\nгражданского образования\nминистерство образования\nкачество образования\nкачественное образование\nescolas e vizinhos\nescuelas y vecinos", "phrase", null, "education\nschool*\nclassrooms\neducación\nescuelas\néducation\nécoles\neducação\nescolas\nescolar\nобразовани*\nшкол*", "", "sector-education", 1, 2 },
                    { "sector-extractives", 0.5, true, "", "phrase", null, "extractive*\nmining\noil and gas\nEITI\nextractivas\nminería\nmineras\nhidrocarburos\nindustries extractives\nminières\nminier\npétroliers\nITIE\nmineração\npetróleo\nmineral*\nдобывающ*\nнедропользовани*\nИПДО\nнефт* и газ*", "", "sector-extractives", 1, 6 },
                    { "sector-health", 0.40000000000000002, true, "ministry of health\ngood health\nhealth and well-being\nSDG 3\nhealth of\nsafety and health\noccupational\nministerio de salud\nsalud y bienestar\nODS 3\natención psicológica y de salud\nministère de la santé\nsanté démocratique\nsanté au travail\nministério da saúde\nsaúde e bem-estar\nsegurança e saúde\nминистерство здравоохранения\nздоровье и благополучие\nздоровья населения\nохраны труда и здоровья", "phrase", null, "health\nhospital*\nmedicines\nmedical supplies\nsalud\nhospitales\nmedicamentos\nsanté\nmédicaments\nsaúde\nздравоохранен*\nбольниц*\nлекарств*", "", "sector-health", 1, 2 },
                    { "sector-infrastructure", 0.45000000000000001, true, "data infrastructure\nspatial data\ninformation infrastructure\ndigital infrastructure\nIT infrastructure\nICT infrastructure\npublic key infrastructure\ninteroperability\nexchange infrastructure\ninfraestructura de datos\ninfraestructura tecnológica\ninfraestructura de interoperabilidad\ninfrastructure de données\ninfrastructure numérique\ninfrastructure nationale de données\ninfraestrutura de dados\ninfraestrutura tecnológica\nинфраструктур* данн*\nпространственных данных\nинформационн* инфраструктур*\nцифров* инфраструктур*\nopen data", "phrase", null, "infrastructure\npublic works\nconstruction contracts\nroads\nroad construction\nbridges\ninfraestructura\nobras públicas\nobra pública\nobras viales\ncarreteras\ntravaux publics\nroutes\nroutiers\ncontrats de construction\nmarchés de construction\ncontratos de construcción\ncontratos de construção\nobras\ninfraestrutura\nobras públicas\nrodovias\nинфраструктур*\nдорог*\nмост*\nстроительств*", "", "sector-infrastructure", 1, 2 }
                });

            migrationBuilder.InsertData(
                table: "TagPolicyAreas",
                columns: new[] { "TagId", "Confidence", "PolicyAreas", "Version" },
                values: new object[,]
                {
                    { "beneficial-ownership", 0.84999999999999998, "Beneficial Ownership", 1 },
                    { "open-contracting", 0.90000000000000002, "Open Contracting", 1 },
                    { "public-procurement", 0.84999999999999998, "Public Procurement", 1 },
                    { "sector-education", 0.69999999999999996, "Education\nOpen Data (Education)", 1 },
                    { "sector-extractives", 0.69999999999999996, "Extractive Industries", 1 },
                    { "sector-health", 0.69999999999999996, "Health & Nutrition\nOpen Data (Health)", 1 },
                    { "sector-infrastructure", 0.69999999999999996, "Infrastructure & Transport", 1 }
                });

            migrationBuilder.InsertData(
                table: "Tags",
                columns: new[] { "Id", "Confirmation", "Description", "Label", "ParentId", "Retired" },
                values: new object[,]
                {
                    { "oc-disclosure", "one-liaison", "Publishing contracting data and documents, e.g. using the Open Contracting Data Standard (OCDS).", "Open contracting: disclosure", "open-contracting", false },
                    { "oc-participation", "one-liaison", "Engagement, monitoring, feedback and redress by citizens, businesses and oversight bodies in public contracting.", "Open contracting: participation", "open-contracting", false }
                });

            migrationBuilder.InsertData(
                table: "CalibrationPriors",
                columns: new[] { "EvidenceKind", "TagId", "Accepted", "Rejected" },
                values: new object[,]
                {
                    { "body-text", "oc-disclosure", 3, 0 },
                    { "text", "oc-disclosure", 5, 0 },
                    { "body-text", "oc-participation", 1, 0 },
                    { "text", "oc-participation", 12, 0 }
                });

            migrationBuilder.InsertData(
                table: "SuggestionRules",
                columns: new[] { "Id", "Confidence", "Enabled", "Excludes", "Kind", "Language", "Phrases", "Requires", "TagId", "Version", "Window" },
                values: new object[,]
                {
                    { "oc-participation", 0.55000000000000004, true, "", "phrase", null, "contract monitoring\nmonitoring of contracts\nprocurement monitoring\nmonitoring of public procurement\nmonitor the contracts\nmonitor contracts\nintegrity pact*\nmonitoreo de contratos\nveedurí*\nvigilar la contratación\nsuivi des contrats\nobservateurs indépendants\nmonitoramento de contratos\nmonitoramento de licitações\nobservatórios sociais\nмониторинг* закуп*\nобщественн* мониторинг* закуп*\nмониторинг закупок", "contract*\nprocurement\ntender*\nbid*\ncontrat*\nlicitaci*\nobra* pública*\nmarchés\nlicitaç*\nobras\nзакуп*\nконтракт*", "oc-participation", 1, 8 },
                    { "oc-participation-monitors", 0.55000000000000004, true, "", "phrase", null, "citizen monitoring\ncommunity monitor*\nthird-party monitoring\nsocial audit*\ncivil society observers\nmonitoreo ciudadano\ncontrôle citoyen\nsuivi citoyen\ncomités citoyens\ncontrole social\nmonitoramento cidadão\nобщественн* контрол*\nобщественн* мониторинг*", "contract*\nprocurement\ntender*\nbid openings\ncontrat*\nlicitaci*\nmarchés\nlicitaç*\nзакуп*\nконтракт*", "oc-participation", 1, 8 },
                    { "ocds", 0.90000000000000002, true, "", "phrase", null, "OCDS\nopen contracting data standard\nestándar de datos para las contrataciones abiertas\nestándar de datos de contrataciones abiertas\nstandard de données sur la commande publique ouverte\nstandard de données de la commande publique ouverte\npadrão de dados para contratações abertas\npadrão de dados de contratações abertas\nстандарт* данных открытых контрактов\nстандарт* данных об открытых контрактах", "", "oc-disclosure", 1, 6 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentTags_TagId_Status",
                table: "CommitmentTags",
                columns: new[] { "TagId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_HandledAt",
                table: "InboxMessages",
                column: "HandledAt");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_MessageId",
                table: "OutboxMessages",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_SentAt_Id",
                table: "OutboxMessages",
                columns: new[] { "SentAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_RecomputeJobs_IsActive",
                table: "RecomputeJobs",
                column: "IsActive",
                unique: true,
                filter: "\"IsActive\" = TRUE");

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionRules_TagId",
                table: "SuggestionRules",
                column: "TagId");

            migrationBuilder.CreateIndex(
                name: "IX_TagAudit_CommitmentId_Id",
                table: "TagAudit",
                columns: new[] { "CommitmentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tags_ParentId",
                table: "Tags",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_TagSuggestions_CommitmentId_Status",
                table: "TagSuggestions",
                columns: new[] { "CommitmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TagSuggestions_CommitmentId_TagId",
                table: "TagSuggestions",
                columns: new[] { "CommitmentId", "TagId" },
                unique: true,
                filter: "\"IsOpen\" = TRUE");

            migrationBuilder.CreateIndex(
                name: "IX_TagSuggestions_Status_Confidence",
                table: "TagSuggestions",
                columns: new[] { "Status", "Confidence" });

            migrationBuilder.CreateIndex(
                name: "IX_TagSuggestions_Status_TagId_EvidenceKind_PrimaryRule",
                table: "TagSuggestions",
                columns: new[] { "Status", "TagId", "EvidenceKind", "PrimaryRule" });

            migrationBuilder.CreateIndex(
                name: "IX_TagSuggestions_TagId",
                table: "TagSuggestions",
                column: "TagId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalibrationPriors");

            migrationBuilder.DropTable(
                name: "CommitmentTags");

            migrationBuilder.DropTable(
                name: "InboxMessages");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "RecomputeJobs");

            migrationBuilder.DropTable(
                name: "SuggestionRules");

            migrationBuilder.DropTable(
                name: "TagAudit");

            migrationBuilder.DropTable(
                name: "TagPolicyAreas");

            migrationBuilder.DropTable(
                name: "TagSuggestions");

            migrationBuilder.DropTable(
                name: "TrackedCommitments");

            migrationBuilder.DropTable(
                name: "Tags");
        }
    }
}
