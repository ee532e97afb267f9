// The demo's portfolio, written for a fulfilment, payments and growth organisation (issue 12,
// item 8): fixed lists the generator walks deterministically, so the demo reads like real work
// instead of generated filler. Each idea carries its own customer, problem, "why now", tenets
// and metrics; the generator adds a site or market when a team has more projects than ideas.

export type MetricIdea = {
  name: string;
  definition: string;
  unit: string;
  isRate: boolean;
  direction: "higher" | "lower";
  target: number;
  aggregate: "sum" | "mean";
};

export type Idea = {
  title: string;
  customer: string;
  problem: string;
  whyNow: string;
  tenets: [string, string][];
  output: MetricIdea;
  inputs: [MetricIdea, MetricIdea];
};

const rate = (name: string, definition: string, target: number, direction: "higher" | "lower" = "higher"): MetricIdea => ({
  name,
  definition,
  unit: "%",
  isRate: true,
  direction,
  target,
  aggregate: "mean",
});
const count = (name: string, definition: string, target: number, direction: "higher" | "lower" = "higher"): MetricIdea => ({
  name,
  definition,
  unit: "count",
  isRate: false,
  direction,
  target,
  aggregate: "sum",
});
const measure = (name: string, definition: string, unit: string, target: number, direction: "higher" | "lower"): MetricIdea => ({
  name,
  definition,
  unit,
  isRate: false,
  direction,
  target,
  aggregate: "mean",
});

export const PORTFOLIO: Record<"fulfilment" | "payments" | "growth", Idea[]> = {
  fulfilment: [
    {
      title: "Live pick lists for shift leads",
      customer: "Shift leads in our fulfilment centres",
      problem: "Pick lists are printed at 5 a.m. and are stale by 7; leads re-plan by hand when orders shift.",
      whyNow: "Peak season starts in eight weeks and last year 11% of orders missed the first wave.",
      tenets: [
        ["The floor decides", "A lead can always override the list; the tool explains, it does not dictate."],
        ["Fresh beats perfect", "A list that is five minutes old and right is better than an optimal one from this morning."],
        ["One screen", "Everything a lead needs for the next hour fits on the handheld."],
      ],
      output: rate("Orders shipped same day", "Share of orders cut off before 2 p.m. that leave the building the same day.", 0.95),
      inputs: [
        count("Pick lists republished during the shift", "Lists regenerated after an order change, summed over the week.", 400),
        measure("Minutes from order change to updated list", "Mean delay between an order change and the list a picker sees.", "min", 5, "lower"),
      ],
    },
    {
      title: "Dock appointment scheduling for carriers",
      customer: "Inbound carriers and our receiving teams",
      problem: "Trucks arrive unannounced and wait a median of 95 minutes at the gate.",
      whyNow: "Two carriers now charge detention after 60 minutes; the bill was 180k last quarter.",
      tenets: [
        ["Carriers book themselves", "No phone call or email is needed to get a slot."],
        ["Honour the slot", "A truck on time is unloaded within 30 minutes of its slot."],
      ],
      output: rate("Trucks unloaded within 30 minutes of their slot", "Share of booked trucks unloaded within 30 minutes of the slot start.", 0.85),
      inputs: [
        count("Slots booked by carriers", "Appointments booked through the portal in the week.", 900),
        rate("Slots kept", "Share of booked slots where the truck arrived within 15 minutes.", 0.8),
      ],
    },
    {
      title: "Slotting fast movers near packing",
      customer: "Pickers on the main floor",
      problem: "The top 200 items are spread over the whole building; pickers walk 14 km a shift.",
      whyNow: "Two new sites open in spring with the same layout; fixing slotting now saves a retrofit.",
      tenets: [
        ["Walk less", "Every move is judged by the metres it saves a picker."],
        ["Move at night", "Re-slotting never blocks a day shift."],
      ],
      output: measure("Metres walked per pick", "Mean distance walked between two picks, from the handheld traces.", "m", 18, "lower"),
      inputs: [
        count("Items re-slotted", "Items moved to a new location in the week.", 150),
        rate("Top-200 items in the golden zone", "Share of the week's 200 fastest items slotted within 20 m of packing.", 0.9),
      ],
    },
    {
      title: "Returns triage at the receiving desk",
      customer: "Returns clerks and customers waiting for refunds",
      problem: "Returned parcels sit 6 days before anyone opens them, so refunds wait too.",
      whyNow: "Returns doubled since free returns launched in March.",
      tenets: [
        ["Open it today", "Every parcel is opened and graded the day it arrives."],
        ["Refund on grading", "The customer's refund starts the moment the item is graded."],
      ],
      output: measure("Days from return received to refund", "Mean days between the parcel's arrival scan and the refund.", "days", 2, "lower"),
      inputs: [
        count("Parcels graded the day they arrive", "Returns graded on their arrival day, summed over the week.", 2500),
        rate("Items restocked as new", "Share of graded returns that go back to stock as new.", 0.6),
      ],
    },
    {
      title: "Packaging that fits the order",
      customer: "Packers, and customers who open oversized boxes",
      problem: "Two thirds of parcels ship with more air than product; carriers bill by volume.",
      whyNow: "The main carrier moved to volumetric pricing on 1 October.",
      tenets: [["Right-size first", "The packer is shown the smallest box that fits before they reach for one."]],
      output: rate("Parcels in the right-size box", "Share of parcels packed in the box the system suggested or smaller.", 0.8),
      inputs: [
        count("Box suggestions shown", "Suggestions shown to packers in the week.", 30000),
        measure("Air in the average parcel", "Mean share of parcel volume that is empty, from the dimensioner.", "%", 35, "lower"),
      ],
    },
    {
      title: "Cycle counts instead of the annual stocktake",
      customer: "Inventory controllers and finance",
      problem: "The annual stocktake closes the site for two days and still leaves a 3% variance.",
      whyNow: "The auditors asked for continuous counts before the next year-end.",
      tenets: [["Count a little, every day", "Each location is counted at least once a quarter without stopping work."]],
      output: rate("Inventory record accuracy", "Share of counted locations whose quantity matches the system.", 0.98),
      inputs: [
        count("Locations counted", "Locations cycle-counted in the week.", 1200),
        measure("Hours of counting per day", "Mean hours of staff time spent counting each day.", "h", 6, "lower"),
      ],
    },
    {
      title: "Labour planning from the order forecast",
      customer: "Site managers planning next week's shifts",
      problem: "Shifts are planned from last year's calendar, so some days are 20% overstaffed and others short.",
      whyNow: "Agency staff cost rose 18% this year and must be booked ten days ahead.",
      tenets: [["Plan from demand", "Next week's headcount follows next week's forecast, not last year's."]],
      output: measure("Units per labour hour", "Units shipped divided by hours worked, per week.", "units/h", 110, "higher"),
      inputs: [
        rate("Shifts planned from the forecast", "Share of next week's shifts planned from the forecast.", 0.9),
        measure("Forecast error", "Mean absolute error of the daily order forecast.", "%", 8, "lower"),
      ],
    },
    {
      title: "Damaged-in-transit claims from photos",
      customer: "Customer service agents and customers with broken items",
      problem: "A damage claim needs three emails and a callback; customers give up.",
      whyNow: "Damage claims are the second reason for one-star reviews since August.",
      tenets: [["One photo is enough", "A customer's photo starts the claim; nobody asks twice."]],
      output: rate("Claims settled on first contact", "Share of damage claims settled without a second contact.", 0.75),
      inputs: [
        count("Claims opened with a photo", "Damage claims opened with a photo in the week.", 600),
        measure("Hours to settle a claim", "Mean hours from claim to settlement.", "h", 24, "lower"),
      ],
    },
  ],
  payments: [
    {
      title: "Self-serve refunds for small merchants",
      customer: "Small merchants with fewer than 50 orders a day",
      problem: "Merchants email support to refund an order and wait two days for an answer.",
      whyNow: "Refund tickets are 30% of support volume and the holiday returns wave is coming.",
      tenets: [
        ["Merchants stay in control", "A merchant can refund any order they sold, without asking us."],
        ["Money moves once", "A refund is never paid twice, whatever is clicked."],
      ],
      output: rate("Refunds done without a ticket", "Share of refunds merchants complete themselves.", 0.8),
      inputs: [
        count("Self-serve refunds", "Refunds merchants issued themselves in the week.", 5000),
        measure("Seconds to issue a refund", "Mean time from opening an order to a confirmed refund.", "s", 40, "lower"),
      ],
    },
    {
      title: "Instant payouts for marketplace sellers",
      customer: "Marketplace sellers who need cash for stock",
      problem: "Sellers wait seven days for a payout and borrow at high rates in between.",
      whyNow: "A competitor launched next-day payouts in September and sellers are asking.",
      tenets: [
        ["Risk before speed", "Instant payouts go to sellers whose risk score allows them, and no one else."],
        ["Say the fee up front", "The seller sees the fee before choosing instant."],
      ],
      output: rate("Sellers using instant payouts", "Share of eligible sellers who took an instant payout in the week.", 0.35),
      inputs: [
        count("Instant payouts made", "Instant payouts sent in the week.", 3000),
        rate("Payouts reversed", "Share of instant payouts clawed back.", 0.01, "lower"),
      ],
    },
    {
      title: "Card decline reasons merchants can act on",
      customer: "Merchants whose customers' cards are declined",
      problem: "Merchants see 'declined' with no reason and lose the sale.",
      whyNow: "Declines rose to 9% after the issuer rule change in the summer.",
      tenets: [["Tell them what to do", "Every decline shown to a merchant comes with a next step."]],
      output: rate("Declined checkouts recovered", "Share of declined checkouts that succeed on a later attempt.", 0.4),
      inputs: [
        rate("Declines with an actionable reason", "Share of declines shown with a reason and a next step.", 0.9),
        count("Retries after a decline", "Checkout retries after a shown decline reason, per week.", 4000),
      ],
    },
    {
      title: "Automatic reconciliation of bank deposits",
      customer: "Finance operations analysts",
      problem: "Analysts match 12,000 deposits a week to payouts in spreadsheets.",
      whyNow: "Month-end close takes eight days and the board wants five.",
      tenets: [["Explain every match", "An automatic match shows why it matched, so an analyst can trust it."]],
      output: rate("Deposits matched automatically", "Share of deposits reconciled without a person.", 0.92),
      inputs: [
        count("Matching rules in use", "Active rules at the end of the week.", 60),
        measure("Hours of manual matching", "Analyst hours spent matching by hand per week.", "h", 40, "lower"),
      ],
    },
    {
      title: "Fraud review queue that learns",
      customer: "Risk analysts reviewing held orders",
      problem: "Analysts review 2,000 held orders a day and release 96% of them untouched.",
      whyNow: "Chargeback fees rise in January, and holding good orders costs merchants sales.",
      tenets: [["Hold less, catch more", "Every change is judged on good orders released and fraud caught together."]],
      output: rate("Held orders that were fraud", "Share of held orders confirmed as fraud (precision of the hold).", 0.25),
      inputs: [
        count("Orders reviewed", "Held orders reviewed in the week.", 9000, "lower"),
        measure("Minutes to review a held order", "Mean review time per held order.", "min", 3, "lower"),
      ],
    },
    {
      title: "Multi-currency pricing for cross-border shoppers",
      customer: "Shoppers buying from sellers abroad",
      problem: "Prices show in the seller's currency and 40% of foreign carts are abandoned at the total.",
      whyNow: "Cross-border orders grew 60% this year; EU sellers asked for local prices.",
      tenets: [["No surprise at the total", "The price on the page is the price on the card statement."]],
      output: rate("Cross-border checkout conversion", "Share of cross-border carts that become orders.", 0.55),
      inputs: [
        count("Listings priced in the shopper's currency", "Listings shown with a local price in the week.", 20000),
        measure("FX margin", "Mean foreign-exchange margin charged, in percent.", "%", 1.5, "lower"),
      ],
    },
    {
      title: "Failed direct debits retried at the right time",
      customer: "Subscription merchants and their customers",
      problem: "Failed debits are retried the next day, when the account is still empty.",
      whyNow: "Involuntary churn is 4% a month, more than cancellations.",
      tenets: [["Retry on payday", "A retry is timed to when the money is there, not to our batch."]],
      output: rate("Failed debits recovered", "Share of failed direct debits collected within 14 days.", 0.7),
      inputs: [
        count("Smart retries scheduled", "Retries scheduled from the payday model in the week.", 8000),
        rate("Retries that succeed first time", "Share of smart retries that collect on the first attempt.", 0.5),
      ],
    },
    {
      title: "Merchant onboarding in one sitting",
      customer: "New merchants signing up",
      problem: "Identity checks take five days and a third of sign-ups never finish.",
      whyNow: "The new identity provider's contract starts on 1 January.",
      tenets: [["Ask once", "We never ask a merchant for a document we already have."]],
      output: rate("Sign-ups live within a day", "Share of new merchants able to take payments within 24 hours.", 0.6),
      inputs: [
        rate("Identity checks passed automatically", "Share of checks passed without a manual review.", 0.8),
        measure("Minutes to complete sign-up", "Mean time a merchant spends completing sign-up.", "min", 12, "lower"),
      ],
    },
  ],
  growth: [
    {
      title: "Saved carts that follow the shopper across devices",
      customer: "Shoppers who browse on the phone and buy on the laptop",
      problem: "A cart started on the phone is empty on the laptop; half of those shoppers never come back.",
      whyNow: "Mobile is now 70% of visits but 35% of orders.",
      tenets: [["The cart is the shopper's", "What they put in stays there, on every device, until they remove it."]],
      output: rate("Carts completed on another device", "Share of carts started on one device and bought on another.", 0.2),
      inputs: [
        count("Signed-in carts", "Carts created by signed-in shoppers in the week.", 50000),
        rate("Shoppers signed in on two devices", "Share of weekly shoppers signed in on more than one device.", 0.3),
      ],
    },
    {
      title: "Delivery promise on the product page",
      customer: "Shoppers deciding whether to buy now",
      problem: "The delivery date appears only at checkout, and shoppers leave to compare.",
      whyNow: "The carrier API now gives a dependable date for 90% of postcodes.",
      tenets: [["Only promise what we keep", "A date is shown only when we meet it 95% of the time."]],
      output: rate("Product page to cart", "Share of product page views that add to cart.", 0.09),
      inputs: [
        rate("Pages showing a delivery date", "Share of product views that show a delivery promise.", 0.85),
        rate("Promises kept", "Share of orders delivered by the date shown.", 0.95),
      ],
    },
    {
      title: "Referral credit for small businesses",
      customer: "Small business owners who recommend us to peers",
      problem: "Owners recommend us in person but have no way to share a link or get credit.",
      whyNow: "Survey: 41% of new merchants heard of us from another merchant.",
      tenets: [["Credit both sides", "The referrer and the new merchant both get credit, automatically."]],
      output: count("Merchants joining through a referral", "New merchants whose first visit came from a referral link, per week.", 120),
      inputs: [
        count("Referral links shared", "Links shared by merchants in the week.", 900),
        rate("Referred sign-ups completed", "Share of referred visitors who complete sign-up.", 0.25),
      ],
    },
    {
      title: "Search that understands misspellings",
      customer: "Shoppers using site search",
      problem: "One search in eight returns nothing, mostly because of a typo.",
      whyNow: "Search users buy three times as often as browsers, and zero results end the visit.",
      tenets: [["Never a dead end", "A search always shows something useful, even when nothing matches."]],
      output: rate("Searches with zero results", "Share of searches that return nothing.", 0.03, "lower"),
      inputs: [
        count("Spelling corrections applied", "Searches corrected automatically in the week.", 40000),
        measure("Search latency p95", "95th percentile search response time.", "ms", 250, "lower"),
      ],
    },
    {
      title: "Win-back emails for lapsed shoppers",
      customer: "Shoppers who have not ordered in 90 days",
      problem: "Lapsed shoppers get the same weekly newsletter as everyone and ignore it.",
      whyNow: "Repeat purchase rate fell from 38% to 31% this year.",
      tenets: [["Relevant or silent", "We send nothing a shopper would not want to read."]],
      output: rate("Lapsed shoppers who order again", "Share of lapsed shoppers who order within 30 days of the email.", 0.08),
      inputs: [
        count("Win-back emails sent", "Personalised win-back emails sent in the week.", 20000),
        rate("Unsubscribes", "Share of win-back recipients who unsubscribe.", 0.005, "lower"),
      ],
    },
    {
      title: "Seller storefronts with their own address",
      customer: "Sellers who promote their shop on social media",
      problem: "Sellers send followers to a generic search page, where they find competitors.",
      whyNow: "Sellers now bring 20% of traffic from their own channels.",
      tenets: [["The seller's shop, our checkout", "The storefront is theirs; payment and delivery stay ours."]],
      output: rate("Storefront visits that buy", "Share of storefront visits that end in an order.", 0.06),
      inputs: [
        count("Storefronts published", "Storefronts live at the end of the week.", 1500),
        count("Visits from seller links", "Visits arriving through a seller's own link, per week.", 60000),
      ],
    },
    {
      title: "First-order discount that pays for itself",
      customer: "First-time shoppers",
      problem: "The 15% welcome code is used by shoppers who would have bought anyway.",
      whyNow: "Welcome discounts cost 2.1M this year; finance asked for proof they work.",
      tenets: [["Measure the lift", "A discount stays only where a holdout group shows it brings orders."]],
      output: rate("First orders from new visitors", "Share of new visitors who place a first order within 14 days.", 0.04),
      inputs: [
        rate("Visitors in the holdout group", "Share of new visitors who see no discount, for the comparison.", 0.1),
        measure("Discount per first order", "Mean discount given on a first order.", "EUR", 6, "lower"),
      ],
    },
    {
      title: "Reviews with photos from verified buyers",
      customer: "Shoppers comparing similar products",
      problem: "Reviews are text-only and a third come from accounts that never bought.",
      whyNow: "A consumer group report named us for unverified reviews in October.",
      tenets: [["Only buyers review", "A review is shown only from an account that received the item."]],
      output: rate("Product pages with a photo review", "Share of viewed product pages that show at least one photo review.", 0.5),
      inputs: [
        count("Photo reviews submitted", "Verified reviews with a photo, per week.", 7000),
        rate("Review requests answered", "Share of review requests that get a review.", 0.12),
      ],
    },
  ],
};

/** Sites and markets a repeated idea is run for, so every title stays distinct. */
export const PLACES = [
  "Leipzig",
  "Rotterdam",
  "Lyon",
  "Milan",
  "Warsaw",
  "Madrid",
  "Manchester",
  "Dublin",
  "Vienna",
  "Gothenburg",
  "Antwerp",
  "Porto",
  "Prague",
  "Zurich",
  "Copenhagen",
  "Hamburg",
  "Marseille",
  "Turin",
  "Gdansk",
  "Valencia",
];

export const SIMILAR_SYSTEMS = [
  "The returns portal built for the outlet store; no tie-break needed",
  "A vendor tool we trialled in 2024 (dropped: no API); no tie-break needed",
  "The warehouse management system's own module covers a third of it",
  "Finance's reconciliation scripts; we will reuse their matching rules",
  "Nothing in-house; two vendors quoted",
];

export const FEASIBILITY = [
  "Not nuts: the data is already in the warehouse system, the work is the screens.",
  "Feasible with one risk: the carrier API's rate limit; a cache covers it.",
  "Feasible; the hard part is change management on the floor, not the software.",
  "Feasible in two quarters if the identity vendor delivers the new endpoint.",
  "Done a smaller version in the 2023 hackathon; it held up for a month in one site.",
];

export const CONSTRAINTS = [
  "p99 under 300 ms on the handheld; no change during the peak freeze (15 Nov to 5 Jan)",
  "PCI scope must not grow; live before the January pricing change",
  "Works offline for 10 minutes on the floor; GDPR review before any customer data moves",
  "Settlement SLA of T+1 stays; no new vendor without a security review",
  "Page weight under 200 kB; the A/B test needs four weeks of traffic",
];

export const SCOPE = [
  "Out of scope: international sites and the outlet store until phase two",
  "Out of scope: business accounts, partial refunds across currencies",
  "Out of scope: carrier billing disputes; they stay with finance",
  "Out of scope: the mobile app; web first",
];

export const IDEAL_END = [
  "Every site runs it, nobody remembers the old process, and the metric holds at target without the project team.",
  "Merchants never need to contact us for this, and support volume for it is zero.",
  "It is the default experience for every shopper in every market.",
];

export const MILESTONES = ["Pilot at one site", "Shadow mode beside the old process", "First region live", "All sites live", "Old process retired"];

export const RATIONALES: Record<"go" | "recycle" | "stop" | "hold", string[]> = {
  go: [
    "The evidence is in and the owner has the team; go.",
    "Checklist met; the pilot numbers justify the next stage.",
    "Go: the customer problem is clear and the plan is credible.",
    "Go, and review the metric in the first WBR of the next stage.",
  ],
  recycle: ["The customer data came from one site only; go back and widen it.", "The plan hides two teams' work; recycle to write it down."],
  stop: [
    "Stopped: a vendor now covers this need at a lower cost.",
    "Stopped: the pilot showed no lift after eight weeks.",
    "Stopped: the problem went away with the carrier's new contract.",
  ],
  hold: [
    "Hold until the peak freeze ends.",
    "Hold: waiting for the budget decision in the quarterly review.",
    "Hold: the owner moves to the new site; revisit once a new owner is named.",
  ],
};

/** What the demo's retrospectives say, by what opened them (issue 26). */
export const RETROSPECTIVE_TEXT = {
  expected: [
    "Pickers would finish their lists before the first truck, and the pilot site would show it within a month.",
    "Merchants would stop writing to support about this once the new page was live.",
    "The carrier integration would take one sprint and cut late parcels by half.",
  ],
  happened: {
    stop: [
      "The carrier changed its contract and the late parcels went away without us.",
      "Eight weeks of pilot showed no lift; the metric moved with the season, not with us.",
      "A vendor shipped the same thing for less than our running cost.",
    ],
    recycle: ["The customer data came from one site only; the others work another way.", "The plan hid two teams' work; nobody owned the integration."],
    done: ["Every site runs it and the metric has held at target for a quarter.", "Support contacts for this fell to almost none and stayed there."],
  },
  whys: [
    ["We measured one site", "It was the site nearest the team", "Nobody asked the other sites for data"],
    ["The pilot started in peak season", "The date was set before the problem was understood", "The gate was passed on a deadline, not on evidence"],
    ["The integration was not in the plan", "Each team thought the other owned it", "No owner was named for cross-team work"],
  ],
  differently: {
    stop: [
      "Check what vendors and carriers are about to ship before committing a team: a week of calls is cheaper than a quarter of work.",
      "Run the pilot outside peak, with a control site, so the metric says what we did and not what the season did.",
      "Ask the customer for the cost of doing nothing before estimating the cost of doing something.",
    ],
    recycle: [
      "Gather data from every kind of site before the problem is called understood, not just the nearest one.",
      "Name an owner for every piece of work that crosses teams before the plan goes to its gate.",
    ],
    done: [
      "Agree the output metric and its target at the problem stage; it made Done-Done easy to judge.",
      "Hand over to the steady-state owner a month before the end, while the team is still there to answer.",
    ],
  },
  actions: [
    "Add a vendor and carrier check to the problem stage's template",
    "Write the pilot design guide: control site, season, length",
    "Add cross-team owners to the plan template",
  ],
} as const;
