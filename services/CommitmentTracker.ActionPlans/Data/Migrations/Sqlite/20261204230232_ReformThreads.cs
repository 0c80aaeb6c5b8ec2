using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.ActionPlans.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReformThreads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommitmentLinkAudits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitmentLinkAudits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CommitmentLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    CommitmentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PredecessorId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Similarity = table.Column<double>(type: "REAL", nullable: false),
                    CarriedForward = table.Column<bool>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedOrganisation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitmentLinks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentLinkAudits_LinkId",
                table: "CommitmentLinkAudits",
                column: "LinkId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentLinks_CommitmentId_PredecessorId",
                table: "CommitmentLinks",
                columns: new[] { "CommitmentId", "PredecessorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentLinks_MemberCode_Status",
                table: "CommitmentLinks",
                columns: new[] { "MemberCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentLinks_PredecessorId",
                table: "CommitmentLinks",
                column: "PredecessorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommitmentLinkAudits");

            migrationBuilder.DropTable(
                name: "CommitmentLinks");
        }
    }
}
