using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CommitmentTracker.Engagement.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PreviousCategory = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Components = table.Column<string>(type: "text", nullable: false),
                    Explanation = table.Column<string>(type: "text", nullable: false),
                    IsDip = table.Column<bool>(type: "boolean", nullable: false),
                    DipReasons = table.Column<string>(type: "text", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentHistory", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Components = table.Column<string>(type: "text", nullable: false),
                    Explanation = table.Column<string>(type: "text", nullable: false),
                    DipConditions = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Warnings = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.MemberCode);
                });

            migrationBuilder.CreateTable(
                name: "Commitments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    ActionPlanId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PotentialImpact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PotentialForResults = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CompletionProgressReport = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CompletionEndOfTerm = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EarlyResults = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DidItOpenGovernment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OpenContractingFlag = table.Column<bool>(type: "boolean", nullable: false),
                    PublicProcurementFlag = table.Column<bool>(type: "boolean", nullable: false),
                    Removed = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Commitments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConfirmedTags",
                columns: table => new
                {
                    CommitmentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Tag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConfirmedTags", x => new { x.CommitmentId, x.Tag });
                });

            migrationBuilder.CreateTable(
                name: "CountryAliases",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountryAliases", x => x.Key);
                });

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
                name: "LiaisonDecisions",
                columns: table => new
                {
                    CommitmentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Tag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Organisation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonDecisions", x => x.CommitmentId);
                });

            migrationBuilder.CreateTable(
                name: "MandateScores",
                columns: table => new
                {
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Component = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MandateScores", x => new { x.MemberCode, x.Component });
                });

            migrationBuilder.CreateTable(
                name: "Members",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LatestActionPlanId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Members", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "OcdsPublications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Country = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SourceId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SourceUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LastRetrieved = table.Column<DateOnly>(type: "date", nullable: true),
                    DateFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    DateTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Frozen = table.Column<bool>(type: "boolean", nullable: false),
                    Stages = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OcdsPublications", x => x.Id);
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
                name: "RegistryPulls",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NextDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastCheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ETag = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastModified = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastResult = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    LastOutcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistryPulls", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "ThreadLinks",
                columns: table => new
                {
                    LinkId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitmentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PredecessorId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Linked = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadLinks", x => x.LinkId);
                });

            migrationBuilder.CreateTable(
                name: "MemberActionPlans",
                columns: table => new
                {
                    ActionPlanId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    SubmissionYear = table.Column<int>(type: "integer", nullable: true),
                    Number = table.Column<int>(type: "integer", nullable: true),
                    EndYear = table.Column<int>(type: "integer", nullable: true),
                    FirstSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberActionPlans", x => x.ActionPlanId);
                    table.ForeignKey(
                        name: "FK_MemberActionPlans_Members_MemberCode",
                        column: x => x.MemberCode,
                        principalTable: "Members",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentHistory_MemberCode_Version",
                table: "AssessmentHistory",
                columns: new[] { "MemberCode", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Category",
                table: "Assessments",
                column: "Category");

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_MemberCode",
                table: "Commitments",
                column: "MemberCode");

            migrationBuilder.CreateIndex(
                name: "IX_ConfirmedTags_MemberCode",
                table: "ConfirmedTags",
                column: "MemberCode");

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_HandledAt",
                table: "InboxMessages",
                column: "HandledAt");

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonDecisions_MemberCode",
                table: "LiaisonDecisions",
                column: "MemberCode");

            migrationBuilder.CreateIndex(
                name: "IX_MemberActionPlans_MemberCode",
                table: "MemberActionPlans",
                column: "MemberCode");

            migrationBuilder.CreateIndex(
                name: "IX_OcdsPublications_MemberCode",
                table: "OcdsPublications",
                column: "MemberCode");

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
                name: "IX_ThreadLinks_MemberCode",
                table: "ThreadLinks",
                column: "MemberCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentHistory");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "Commitments");

            migrationBuilder.DropTable(
                name: "ConfirmedTags");

            migrationBuilder.DropTable(
                name: "CountryAliases");

            migrationBuilder.DropTable(
                name: "InboxMessages");

            migrationBuilder.DropTable(
                name: "LiaisonDecisions");

            migrationBuilder.DropTable(
                name: "MandateScores");

            migrationBuilder.DropTable(
                name: "MemberActionPlans");

            migrationBuilder.DropTable(
                name: "OcdsPublications");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "RegistryPulls");

            migrationBuilder.DropTable(
                name: "ThreadLinks");

            migrationBuilder.DropTable(
                name: "Members");
        }
    }
}
