/**
 * A small billing agent whose tools reproduce the classic tool-calling failures:
 * a model that sends `id` for `invoice_id`, a word for an integer priority, a tool that
 * returns a Date, a tool advertised to the model with nothing registered to run it, and a
 * tool that throws.
 */
import { tool, defineAgent } from "tooldbg";
import { z } from "zod";

const invoices: Record<string, { status: "paid" | "open" | "void"; amount_cents: number; customer: string }> = {
  "INV-123": { status: "paid", amount_cents: 12_900, customer: "acme" },
  "INV-124": { status: "open", amount_cents: 4_500, customer: "globex" },
};

export const getInvoiceStatus = tool({
  name: "get_invoice_status",
  description: "Look up an invoice's status and amount",
  parameters: z.object({ invoice_id: z.string().describe("Invoice ID like INV-123") }),
  execute: async ({ invoice_id }) => {
    const invoice = invoices[invoice_id];
    if (!invoice) throw new Error(`No invoice ${invoice_id}`);
    return { invoice_id, ...invoice };
  },
});

export const createTicket = tool({
  name: "create_ticket",
  description: "Open a support ticket about an invoice",
  parameters: z.object({
    invoice_id: z.string().describe("Invoice ID like INV-123"),
    summary: z.string().min(3).describe("One-line summary of the problem"),
    priority: z.number().int().min(1).max(5).default(3).describe("1 (urgent) to 5 (whenever)"),
  }),
  execute: async ({ invoice_id, summary, priority }) => ({ ticket: `T-${invoice_id.slice(4)}-${priority}`, summary, priority }),
});

// Returns a Date: JSON turns it into a string, or worse, a runtime drops it.
export const getPaymentHistory = tool({
  name: "get_payment_history",
  description: "List the payments made against an invoice",
  parameters: z.object({ invoice_id: z.string().describe("Invoice ID like INV-123") }),
  execute: async ({ invoice_id }) => ({
    invoice_id,
    payments: [{ amount_cents: 12_900, paid_at: new Date("2026-03-14T09:26:53Z") }],
  }),
});

// Throws: the mail relay rejects the address. Declared side-effecting: tooldbg asks before replaying it.
export const sendInvoiceEmail = tool({
  name: "send_invoice_email",
  description: "Email a copy of the invoice to the customer",
  parameters: z.object({
    invoice_id: z.string().describe("Invoice ID like INV-123"),
    to: z.string().describe("Recipient email address"),
  }),
  sideEffects: true,
  execute: async ({ to }) => {
    console.error(`smtp: connecting to relay for ${to}`);
    throw new Error(`SMTP 550: mailbox unavailable for ${to}`);
  },
});

// Advertised to the model (the OpenAI function shape) but nothing implements it.
export const refundInvoice = {
  type: "function",
  function: {
    name: "refund_invoice",
    description: "Refund a paid invoice in full",
    parameters: {
      type: "object",
      properties: {
        invoice_id: { type: "string", description: "Invoice ID like INV-123" },
        reason: { type: "string", enum: ["duplicate", "fraudulent", "requested_by_customer"] },
      },
      required: ["invoice_id", "reason"],
      additionalProperties: false,
    },
  },
} as const;

export default defineAgent({
  model: "gpt-4o-mini",
  instructions: "You are a billing assistant. Use the tools to answer questions about invoices.",
  prompt: "INV-123 looks wrong: check it, open an urgent ticket, show the payments, email the customer and refund it.",
  tools: [getInvoiceStatus, createTicket, getPaymentHistory, sendInvoiceEmail, refundInvoice],
  // Offline model turns: each one makes a mistake real models make.
  script: [
    { tool_calls: [{ id: "call_status", function: { name: "get_invoice_status", arguments: '{"id":"INV-123"}' } }] },
    {
      tool_calls: [
        { id: "call_ticket", function: { name: "create_ticket", arguments: '{"invoice_id":"INV-123","summary":"Amount looks wrong","priority":"high"}' } },
      ],
    },
    { tool_calls: [{ id: "call_lookup", function: { name: "lookup_customer", arguments: '{"customer":"acme"}' } }] },
    { tool_calls: [{ id: "call_payments", function: { name: "get_payment_history", arguments: '{"invoice_id":"INV-123"}' } }] },
    { tool_calls: [{ id: "call_email", function: { name: "send_invoice_email", arguments: '{"invoice_id":"INV-123","to":"billing@acme.test"}' } }] },
    { tool_calls: [{ id: "call_refund", function: { name: "refund_invoice", arguments: '{"invoice_id":"INV-123","reason":"duplicate"}' } }] },
    { content: "I checked INV-123: it is paid. The ticket, email and refund need attention; see the tool errors above." },
  ],
});
