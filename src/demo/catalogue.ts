/** What the demo data set contains: people, workflows, stock and projects, as plain data. */
import { StockMovementKind } from '../modules/inventory/inventory.entity';
import { MilestoneStatus } from '../modules/milestone/milestone.entity';
import { ProjectStatus } from '../modules/project/project.entity';
import { RiskStatus } from '../modules/risk/risk.entity';
import type { ProcessProfile, StockProfile } from './generators';

/**
 * One process of a demo workflow. `target` is its ideal rate per hour, which the API uses both as the
 * target and for OEE's ideal cycle time (60 / target minutes): the generated samples and the live
 * simulator never go faster, so performance and OEE stay at or below 100 %. It is at least 4 per
 * hour so that one unit fits in a 15-minute sample.
 */
export interface ProcessSpec {
  name: string;
  unit: string;
  target: number;
  targetYield?: number;
  profile?: Partial<ProcessProfile>;
}

/** The garment plant's workflow; the sewing line runs ~15% under the others and has a quality dip at the end. */

export const GARMENT_PROCESSES: ProcessSpec[] = [
  { name: 'Fabric sourcing', unit: 'rolls', target: 12 },
  { name: 'Cutting', unit: 'panels', target: 240 },
  { name: 'Sewing', unit: 'garments', target: 60, profile: { performance: 0.82, dipRejectRate: 0.08, dipDays: 3 } },
  { name: 'Quality inspection', unit: 'garments', target: 70, targetYield: 0.97, profile: { rejectRate: 0.02 } },
  { name: 'Packing & distribution', unit: 'parcels', target: 80 },
];

export const FULFILMENT_PROCESSES: ProcessSpec[] = [
  { name: 'Order intake', unit: 'orders', target: 120 },
  { name: 'Picking', unit: 'order lines', target: 300 },
  { name: 'Shipping', unit: 'parcels', target: 110 },
];

export const SUPPORT_PROCESSES: ProcessSpec[] = [
  { name: 'Ticket triage', unit: 'tickets', target: 12 },
  // Ideal 4 an hour (one per 15-minute sample); the operation averages about 3.7 today.
  { name: 'Incident resolution', unit: 'incidents', target: 4 },
];

export const PEOPLE: [name: string, key: string][] = [
  ['Maria Keller', 'supervisor'],
  ['Jonas Weber', 'cutter'],
  ['Aylin Demir', 'sewer1'],
  ['Sofia Rossi', 'sewer2'],
  ['Lena Fischer', 'qa'],
  ['Tom Becker', 'packer'],
  ['Noah Schmidt', 'fulfilmentLead'],
  ['Emma Wagner', 'picker'],
  ['Lukas Hoffmann', 'shipping'],
  ['Hannah Braun', 'productOwner'],
  ['David Klein', 'developer'],
  ['Mia Wolf', 'designer'],
  ['Julia Schulz', 'projectManager'],
  ['Paul Neumann', 'finance'],
];

export const STOCK: {
  operation: 'garment' | 'fulfilment';
  sku: string;
  name: string;
  unit: string;
  reorderPoint: number;
  profile: StockProfile;
}[] = [
  {
    operation: 'garment',
    sku: 'FAB-TWILL-ORG',
    name: 'Organic cotton twill',
    unit: 'm',
    reorderPoint: 800,
    profile: {
      opening: 2400,
      receipt: 1500,
      receiptEveryDays: 7,
      firstReceiptDaysAgo: 19,
      outflow: [180, 230],
      outflowKind: StockMovementKind.CONSUMPTION,
      fractional: true,
    },
  },
  {
    operation: 'garment',
    sku: 'FAB-DENIM-12OZ',
    name: 'Denim 12oz',
    unit: 'm',
    reorderPoint: 600,
    profile: {
      opening: 1800,
      receipt: 1000,
      receiptEveryDays: 7,
      firstReceiptDaysAgo: 17,
      outflow: [120, 150],
      outflowKind: StockMovementKind.CONSUMPTION,
      fractional: true,
    },
  },
  {
    operation: 'garment',
    sku: 'TRM-THREAD',
    name: 'Thread spools',
    unit: 'pcs',
    reorderPoint: 150,
    profile: {
      opening: 600,
      receipt: 400,
      receiptEveryDays: 7,
      firstReceiptDaysAgo: 20,
      outflow: [25, 35],
      outflowKind: StockMovementKind.CONSUMPTION,
      adjustment: { daysAgo: 9, quantity: -12 },
    },
  },
  // Below its reorder point at the end: one delivery only, and steady use since.
  {
    operation: 'garment',
    sku: 'TRM-ZIP-18',
    name: 'Zippers',
    unit: 'pcs',
    reorderPoint: 1000,
    profile: {
      opening: 3000,
      receipt: 1500,
      receiptEveryDays: 100,
      firstReceiptDaysAgo: 18,
      outflow: [180, 220],
      outflowKind: StockMovementKind.CONSUMPTION,
    },
  },
  {
    operation: 'fulfilment',
    sku: 'FG-TEE-ORG',
    name: 'Organic T-shirt',
    unit: 'pcs',
    reorderPoint: 500,
    profile: {
      opening: 2000,
      receipt: 0,
      receiptEveryDays: 1,
      firstReceiptDaysAgo: 0,
      dailyInflow: [350, 450],
      outflow: [330, 430],
      outflowKind: StockMovementKind.SHIPMENT,
    },
  },
  {
    operation: 'fulfilment',
    sku: 'FG-JEANS-SLIM',
    name: 'Slim jeans',
    unit: 'pcs',
    reorderPoint: 300,
    profile: {
      opening: 1200,
      receipt: 0,
      receiptEveryDays: 1,
      firstReceiptDaysAgo: 0,
      dailyInflow: [150, 200],
      outflow: [140, 200],
      outflowKind: StockMovementKind.SHIPMENT,
    },
  },
];

export interface MilestoneSpec {
  name: string;
  owner: string;
  dueInDays: number;
  weight: number;
  status: MilestoneStatus;
  percent?: number;
  completedInDays?: number;
}
export interface RiskSpec {
  title: string;
  probability: number;
  impact: number;
  status: RiskStatus;
  owner: string;
  mitigation: string;
  milestone?: number;
}
export interface ProjectSpec {
  name: string;
  goal: string;
  status: ProjectStatus;
  startInDays: number;
  dueInDays: number;
  completedInDays?: number;
  budget: number;
  improves: 'fulfilment' | 'plant' | null;
  team: [string, string][];
  milestones: MilestoneSpec[];
  risks: RiskSpec[];
  /** Weekly cost from the start until today (or completion), in euros, plus one-off invoices [daysFromStart, amount, description]. */
  weeklyCost: number;
  invoices: [number, number, string][];
}

/** The four demo projects; the first is at risk (behind plan, over cost, an overdue milestone with a HIGH risk). */
export function projectSpecs(): ProjectSpec[] {
  return [
    {
      name: 'New ordering app',
      goal: 'Let retailers order online in under two minutes and cut order-intake errors by half.',
      status: ProjectStatus.ACTIVE,
      startInDays: -90,
      dueInDays: 60,
      budget: 180_000,
      improves: 'fulfilment',
      team: [
        ['projectManager', 'Project manager'],
        ['productOwner', 'Product owner'],
        ['developer', 'Developer'],
        ['designer', 'Designer'],
        ['fulfilmentLead', 'Fulfilment representative'],
      ],
      milestones: [
        {
          name: 'Requirements & UX research',
          owner: 'productOwner',
          dueInDays: -75,
          weight: 1,
          status: MilestoneStatus.DONE,
          completedInDays: -77,
        },
        {
          name: 'Architecture & API design',
          owner: 'developer',
          dueInDays: -55,
          weight: 1,
          status: MilestoneStatus.DONE,
          completedInDays: -54,
        },
        { name: 'Catalogue & basket', owner: 'developer', dueInDays: -30, weight: 2, status: MilestoneStatus.DONE, completedInDays: -28 },
        { name: 'Payment integration', owner: 'developer', dueInDays: -7, weight: 2, status: MilestoneStatus.IN_PROGRESS, percent: 60 },
        {
          name: 'Warehouse integration',
          owner: 'fulfilmentLead',
          dueInDays: 25,
          weight: 2,
          status: MilestoneStatus.IN_PROGRESS,
          percent: 20,
        },
        { name: 'Pilot launch & training', owner: 'projectManager', dueInDays: 55, weight: 1, status: MilestoneStatus.PLANNED },
      ],
      risks: [
        {
          title: 'Payment provider certification delayed',
          probability: 4,
          impact: 4,
          status: RiskStatus.OPEN,
          owner: 'developer',
          mitigation: 'Weekly call with the provider; fallback to invoice payment for the pilot.',
          milestone: 3,
        },
        {
          title: 'Key developer leaves mid-project',
          probability: 2,
          impact: 4,
          status: RiskStatus.MITIGATING,
          owner: 'projectManager',
          mitigation: 'Pair programming and documented architecture decisions.',
        },
        {
          title: 'Warehouse API changes during integration',
          probability: 2,
          impact: 3,
          status: RiskStatus.OPEN,
          owner: 'fulfilmentLead',
          mitigation: 'Freeze the API version with the warehouse vendor.',
        },
      ],
      weeklyCost: 8_200,
      invoices: [
        [28, 6_000, 'Contractor invoice: payment module'],
        [56, 6_000, 'Contractor invoice: payment module'],
        [84, 6_000, 'Contractor invoice: payment module'],
        [10, 3_500, 'App store and hosting licences'],
      ],
    },
    {
      name: 'Website redesign',
      goal: 'A faster, accessible brand website that shows the sustainability story of every garment.',
      status: ProjectStatus.ACTIVE,
      startInDays: -60,
      dueInDays: 45,
      budget: 60_000,
      improves: null,
      team: [
        ['designer', 'Lead designer'],
        ['developer', 'Developer'],
        ['productOwner', 'Product owner'],
      ],
      milestones: [
        { name: 'Content audit', owner: 'productOwner', dueInDays: -45, weight: 1, status: MilestoneStatus.DONE, completedInDays: -47 },
        { name: 'Design system', owner: 'designer', dueInDays: -20, weight: 2, status: MilestoneStatus.DONE, completedInDays: -22 },
        { name: 'New product pages', owner: 'developer', dueInDays: 10, weight: 3, status: MilestoneStatus.IN_PROGRESS, percent: 55 },
        { name: 'Launch', owner: 'productOwner', dueInDays: 45, weight: 1, status: MilestoneStatus.PLANNED },
      ],
      risks: [
        {
          title: 'Content migration takes longer than planned',
          probability: 2,
          impact: 2,
          status: RiskStatus.MITIGATING,
          owner: 'productOwner',
          mitigation: 'Migrate the top 100 products first.',
        },
      ],
      weeklyCost: 3_600,
      invoices: [[14, 2_400, 'Stock photography licences']],
    },
    {
      name: 'Annual company event',
      goal: 'A two-day summer event for all staff with the spring collection reveal.',
      status: ProjectStatus.PLANNED,
      startInDays: 40,
      dueInDays: 75,
      budget: 25_000,
      improves: null,
      team: [
        ['finance', 'Budget owner'],
        ['projectManager', 'Organiser'],
      ],
      milestones: [
        { name: 'Venue booked', owner: 'finance', dueInDays: 50, weight: 1, status: MilestoneStatus.PLANNED },
        { name: 'Agenda and speakers confirmed', owner: 'projectManager', dueInDays: 62, weight: 1, status: MilestoneStatus.PLANNED },
        { name: 'Event day', owner: 'projectManager', dueInDays: 75, weight: 2, status: MilestoneStatus.PLANNED },
      ],
      risks: [
        {
          title: 'Preferred venue unavailable',
          probability: 2,
          impact: 3,
          status: RiskStatus.OPEN,
          owner: 'finance',
          mitigation: 'Hold a second venue option until the booking is confirmed.',
        },
      ],
      weeklyCost: 0,
      invoices: [],
    },
    {
      name: 'Ordering app pilot',
      goal: 'Prove online ordering with five retailers and hand a supported app over to the digital team.',
      status: ProjectStatus.COMPLETED,
      startInDays: -200,
      dueInDays: -100,
      completedInDays: -105,
      budget: 40_000,
      improves: 'fulfilment',
      team: [
        ['productOwner', 'Product owner'],
        ['developer', 'Developer'],
        ['fulfilmentLead', 'Fulfilment representative'],
      ],
      milestones: [
        {
          name: 'Pilot scope agreed',
          owner: 'productOwner',
          dueInDays: -180,
          weight: 1,
          status: MilestoneStatus.DONE,
          completedInDays: -181,
        },
        {
          name: 'Pilot app live with five retailers',
          owner: 'developer',
          dueInDays: -130,
          weight: 3,
          status: MilestoneStatus.DONE,
          completedInDays: -132,
        },
        {
          name: 'Handover to app support',
          owner: 'productOwner',
          dueInDays: -100,
          weight: 1,
          status: MilestoneStatus.DONE,
          completedInDays: -105,
        },
      ],
      risks: [
        {
          title: 'Retailers do not adopt the pilot',
          probability: 3,
          impact: 3,
          status: RiskStatus.CLOSED,
          owner: 'fulfilmentLead',
          mitigation: 'Onboarding calls with each retailer.',
        },
      ],
      weeklyCost: 2_700,
      invoices: [[30, 2_500, 'Usability testing']],
    },
  ];
}

/**
 * How the "Ordering app pilot" was handed over: acceptance criteria (all met, by whom), target KPIs
 * for the app-support operation, two weeks of pilot samples before the handover (a slower, less
 * reliable pace than today's) from which the baseline is measured, and early-life support long
 * enough to still be running, so the demo shows a handover IN_SUPPORT with its baseline.
 */
export const PILOT_HANDOVER = {
  criteria: [
    ['Runbook and on-call rota reviewed by the digital team', 'productOwner'],
    ['Five retailers ordering through the app for two weeks', 'fulfilmentLead'],
    ['Incident process rehearsed with a simulated outage', 'developer'],
  ] as [description: string, metBy: string][],
  /** Final process (incident resolution) per run hour, rolled yield, OEE of the final process. */
  targets: { throughputPerHour: 3.5, yield: 0.95, oee: 0.95 },
  /** Days of pilot samples before the handover. */
  pilotDays: 14,
  pilotProfile: { performance: 0.75, rejectRate: 0.2 },
  /** Each criterion is met this many days before the handover; acceptance follows this many days after it. */
  criteriaMetDaysBefore: 3,
  acceptedDaysAfter: 2,
  supportDays: 120,
};

/** A project for garment plant `plant` (scale > 1): a line upgrade, on track. */
export function plantProjectSpec(plant: number): ProjectSpec {
  return {
    name: `Sewing line upgrade — Plant ${plant}`,
    goal: `Bring the sewing line of plant ${plant} to its target rate with new machines and training.`,
    status: ProjectStatus.ACTIVE,
    startInDays: -30,
    dueInDays: 60,
    budget: 90_000,
    improves: 'plant',
    team: [
      ['supervisor', 'Line supervisor'],
      ['sewer1', 'Sewer'],
      ['projectManager', 'Project manager'],
    ],
    milestones: [
      { name: 'Machines selected', owner: 'supervisor', dueInDays: -15, weight: 1, status: MilestoneStatus.DONE, completedInDays: -16 },
      { name: 'Machines installed', owner: 'supervisor', dueInDays: 20, weight: 2, status: MilestoneStatus.IN_PROGRESS, percent: 30 },
      { name: 'Operators trained', owner: 'sewer1', dueInDays: 55, weight: 1, status: MilestoneStatus.PLANNED },
    ],
    risks: [
      {
        title: 'Machine delivery slips',
        probability: 2,
        impact: 3,
        status: RiskStatus.OPEN,
        owner: 'supervisor',
        mitigation: 'Order from two suppliers.',
      },
    ],
    weeklyCost: 4_000,
    invoices: [],
  };
}
