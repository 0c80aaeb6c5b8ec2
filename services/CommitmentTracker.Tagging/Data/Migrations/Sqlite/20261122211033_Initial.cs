using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CommitmentTracker.Tagging.Data.Migrations.Sqlite
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
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HandledAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessages", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageType = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    TraceParent = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    TraceState = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LockToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    LockedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tags",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ParentId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false)
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

            migrationBuilder.InsertData(
                table: "Tags",
                columns: new[] { "Id", "Description", "Label", "ParentId", "Retired" },
                values: new object[,]
                {
                    { "beneficial-ownership", "Disclosure of who ultimately owns or controls companies, including suppliers.", "Beneficial ownership", null, false },
                    { "e-procurement", "Electronic procurement systems and platforms.", "E-procurement", null, false },
                    { "open-contracting", "Commitments to open up public contracting: disclosure of contracting data and documents, and engagement across the contracting process.", "Open contracting", null, false },
                    { "public-procurement", "Reforms of how governments buy goods, works and services.", "Public procurement", null, false },
                    { "sector-education", "Contracting and procurement in the education sector.", "Sector: education", null, false },
                    { "sector-extractives", "Contracts and licences in oil, gas and mining.", "Sector: extractives", null, false },
                    { "sector-health", "Contracting and procurement in the health sector.", "Sector: health", null, false },
                    { "sector-infrastructure", "Contracting for public works and infrastructure.", "Sector: infrastructure", null, false },
                    { "oc-disclosure", "Publishing contracting data and documents, e.g. using the Open Contracting Data Standard (OCDS).", "Open contracting: disclosure", "open-contracting", false },
                    { "oc-participation", "Engagement, monitoring, feedback and redress by citizens, businesses and oversight bodies in public contracting.", "Open contracting: participation", "open-contracting", false }
                });

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
                name: "IX_Tags_ParentId",
                table: "Tags",
                column: "ParentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboxMessages");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "Tags");
        }
    }
}
