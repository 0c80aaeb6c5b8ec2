using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.Engagement.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReformThreads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ThreadLinks",
                columns: table => new
                {
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitmentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PredecessorId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Linked = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadLinks", x => x.LinkId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ThreadLinks_MemberCode",
                table: "ThreadLinks",
                column: "MemberCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ThreadLinks");
        }
    }
}
