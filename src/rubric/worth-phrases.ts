/** How people say what a result was worth: money, customers, time, risk, goals; and what is not yet worth. */
import { BENCHMARK, CURRENCY } from './quantity-phrases.ts';

/** What a business counts: money, customers won or lost, risk, safety, capacity, a goal. */
export const VALUE = new RegExp(
  [
    // "90 euro each": the currency named after the number, singular or plural.
    `${CURRENCY}\\s?\\d|\\d\\s?(?:dollars?|pounds|euros?|quid|grand|bucks)\\b`,
    '\\bworth (?:about |around |roughly |over |nearly |almost |an estimated |up to )?(?:[$£€¥₹\\d]|a (?:quarter|third|half))',
    // Money in and out.
    '\\b(?:revenue|sales|profits?|margins?|costs?|spend(?:ing)?|budget|savings?|money|dollars|pounds|euros|arr|mrr|gmv|bookings|(?<!\\b(?:data|build|ci|cd|etl|elt|release|deployment|ml|test) )pipeline(?! (?:runs?|ran|loads?|jobs?|failures?|builds?))|deals?|contracts?|renewals?|renewed|upsells?|cash|refunds?|chargebacks?|fines?|penalt(?:y|ies)|write-?offs?|roi|payback|pa(?:id|ys) for itself|subscriptions?|orders|fees|licen[cs]es?|hosting|demurrage|overpayments?|invoices?|bills?|billing|charges|income|earn(?:ed|ings?)|funding|grants?|donations?|donors?|givers|fundrais\\w*|pric(?:e|es|ing)|discounts?|basket|order values?|aov|ltv|lifetime value|expenses?|capex|opex|payroll|wages|salar(?:y|ies)|overtime|agency|service credits|debts?|debtors?|arrears|receivables|rent|fuel|energy (?:bills?|costs?|use)|mileage|shrink(?:age)?|spoilage|scrap|rework|cheaper|quota)\\b',
    // Customers kept, won and served.
    '\\b(?:churn\\w*|retention|retained|conversions?|(?:trial|free)[- ]to[- ]paid|win rate|nps|net promoter|promoter score|csat|customer satisfaction|abandon\\w*|sign-?ups?|booked (?:\\w+ ){0,2}?(?:meetings|demos|calls|appointments)|satisfaction (?:score|rating)s?|(?:customer|client|guest|patient|user)s?(?:\\x27s?)? (?:[\\w-]+ )?(?:scores?|ratings?)|same[- ]day|next[- ]day|otif|fill rate|availability|overdue|(?:review|star|guest|customer|app[- ]store) (?:scores?|ratings?)|complaints?|cancellations?|cancelled|chasers|escalations?|demos?|meetings booked|prospects?|signed(?! off)|footfall|occupancy|reservations|repeat (?:business|customers|visits|orders|purchases|bookings)|referrals|market share|(?:phone )?calls|call volumes?|contacts|appointments?|no-shows?|did[- ]not[- ]attend|beds?|bed[- ]days)\\b',
    // Risk, safety and compliance.
    '\\b(?:incidents?|outages?|downtime|uptime|slas?|slos?|compliance|compliant|audits?|regulat\\w+|breach(?:es)?|vulnerabilit\\w+|safety|near[- ]misses?|fraud|losses|lost (?:orders|sales|customers|revenue|business|work|data|stock|baggage|bags|parcels|[\\w-]+ claims)|(?:compensation|insurance|warranty|damage|liability) claims|hurt|harmed|(?:instead of|rather than|without) (?:losing|wasting|paying)|falls|injur(?:y|ies)|accidents?|harm|infections?|pressure (?:sores|ulcers)|readmissions?|(?:medication|dosing|dispensing|prescribing|billing|payroll|payment|picking) errors?|non-?conformit(?:y|ies)|(?:audit|inspection) findings|(?:no|zero|\\d+|fewer|more) (?:[\\w-]+ ){0,2}?findings?|certification|accreditation|inspections?|liabilit(?:y|ies)|legal|lawsuits?|litigation|recalls?|hazards?|spills?|lost[- ]time)\\b',
    // Patients, learners and guests: what a hospital, a school or a hotel is for.
    // Nobody served came to harm or went without: "no patient miss their medicine", "no school has to issue a notice".
    '\\b(?:nobody|no-one|no (?:one|child(?:ren)?|patients?|guests?|residents?|customers?|pupils?|students?|learners?|passengers?|schools?|famil(?:y|ies)|clients?|members?|users?|players?|girls?|boys?|workers?|staff))\\b(?: [\\w-]+){0,3}? (?:miss(?:ed|es)?|got|gets?|was|were|is|had|has|have|went|go|goes|needed|needs?|lost|loses?|waited|waits?|fell|falls?|left|leaves?|injured|hurt|harmed)\\b',
    '\\b(?:highest|top|best) (?:mark|grade|score|result)s?\\b|\\bwithout (?:anyone|anybody|any (?:\\w+ )?(?:one|guest|patient|child|passenger|customer|worker)) (?:getting |being )?(?:hurt|injured|harmed)\\b',
    '\\b(?:fire|flood|electrical|health|safety|legal) risks?\\b|\\brisk of (?:fire|harm|injury|flooding|electrocution|infection|prosecution)\\b|\\bworkloads?\\b',
    '\\b(?:surviv\\w*|(?:went|go|goes|gone|going|sent|taken|admitted) (?:to|into) (?:the )?(?:hospital|a&e|emergency)|wrong (?:food|meal|dose|medicines?|medication|drugs?|patient|blood|child)|allerg\\w* (?:incidents?|reactions?))',
    '\\b(?:intensive care|icu|itu|hdu|(?:patient|clinical|learner|learning|student|pupil) outcomes?|deteriorat\\w*|sepsis|mortality|deaths?|died|lengths? of stay|discharg\\w*|survival|pass rates?|exam results|attainment|reading ages?|caught up|expected standard|test scores|graduat\\w*|guest (?:experience|satisfaction|reviews?)|tripadvisor|trust(?:ed|s)?|grades?|marks|membership|turnout)\\b',
    // A unit's readiness: what a military team is for.
    '\\b(?:readiness|mission[- ](?:capable|ready|success)|casualt(?:y|ies)|(?:vehicles?|equipment|aircraft|kit) (?:availability|off the road|serviceable|ready))\\b',
    // People and stock: leavers, absence, waste.
    '\\b(?:attrition|leavers|turnover|sickness|absence|absenteeism|vacanc(?:y|ies)|time[- ]to[- ](?:hire|fill)|filled (?:the|a|our|\\S+) (?:\\w+ )?(?:roles?|posts?|positions?|vacanc(?:y|ies)|shifts?)|stock-?outs?|stock losses|waste|returns|mis-?picks?|disputes?|grievances?|deliver(?:y|ies)|shipments?|parcels|hit (?:our|my|the) (?:number|target|quota))\\b',
    `\\b(?:hit|met|meet|beat|exceeded|passed|above|ahead of|over|under|below|within|against|short of|missed) (?:(?:our|my|the|its|their|a|an)\\s)?(?:[\\w%-]+ ){0,2}?${BENCHMARK}s?\\b|\\b(?:targets?|kpis?|okrs?) (?:was |were )?(?:met|hit|beaten|exceeded)\\b`,
    '\\b(?:agent|staff|nurse|nursing|engineer(?:ing)?|developer|admin|clerical|analyst|person|man)[- ](?:hours|days|weeks|time)\\b|\\bftes?\\b|\\bheadcount\\b',
  ].join('|'),
);
/** Time given back, a business value when it has a size. */
export const TIME_SAVED =
  /\b(?:sav\w*|free[sd]? up|freed|gave|gives?|giving|got|gets?|hand(?:ed|s)? back|reclaim\w*|no longer spen[dt]|takes? no one's|took (?:someone|them|us) (?:most|all|half))\b[^.;]{0,50}\b(?:time|hours?|days?|minutes?|weeks?|mondays?|mornings?|afternoons?)\b|\b(?:takes?|took) no one's time\b|\b(?:hours?|days?|minutes?|seconds?) (?:a|per|each|every|off (?:each|every|a)) (?:week|month|day|year|quarter|shift|call|order|patient|ticket|case|visit|delivery|claim)\b|\b(?:hours?|days?|minutes?|weeks?) (?:earlier|sooner) (?:every|each|a|per)\b/;
/** The people a business serves. */
const CUSTOMER =
  '(?:families|residents|citizens|claimants|customers?|clients?|accounts?|buyers?|shoppers?|guests?|subscribers?|members?|donors?|patients?|users?|tenants?|passengers?|visitors?|diners|households|merchants?)';
/** People served, learners included: a sized change for them ("patients wait 25 minutes less") is worth something. */
export const SERVED = new RegExp(`\\b(?:${CUSTOMER}|students?|pupils|learners|children)\\b`);
/** System measures: a faster query is not yet worth anything to the customers it serves. */
export const TECHNICAL =
  /\b(?:latency|p\d\d|cpu|memory|ram|queries|query|requests|bundle|cache|disk|ms|milliseconds|load times?|build times?)\b/;
/** Customers who stayed, came back, bought or left: value once there is a number. */
export const CUSTOMER_MOVE = new RegExp(
  `\\b(?:${CUSTOMER})\\b[^.;]{0,60}\\b(?:kept|keep|retain\\w*|won|win|lost|lose|losing|stay\\w*|came back|come back|return\\w*|renew\\w*|sign(?:ed|ing)? up|signed|join\\w*|bought|buy\\w*|purchas\\w*|book\\w*|convert\\w*|upgrad\\w*|re-?activat\\w*|cancel\\w*|churn\\w*|left|leav\\w*|spen[dt]\\w*|order\\w*|recommend\\w*|referr\\w*)\\b|\\b(?:new|more|fewer|repeat|returning|extra|additional|lost|kept|won|retained|paying) (?:\\w+ ){0,2}?(?:${CUSTOMER})\\b`,
);
/** "A lot of money", "significant savings": worth named but not sized. */
export const VAGUE_SIZE =
  /\b(?:a lot|lots|loads|plenty|a bit|a fair amount|a good deal|tons|a fortune|heaps) of (?:time|money|cash|effort|hours|savings|business|revenue)\b|\b(?:significant|considerable|huge|massive|big|real|some|substantial|serious) (?:savings?|cost savings?|amounts? of (?:time|money))\b|\bsav(?:ed|es|ing) (?:us |them |the \w+ )?(?:(?:a lot of|lots of|loads of|some|real|so much|plenty of|a bit of) )?(?:time|money|cash|effort)(?: and (?:time|money|cash|effort))?\b/;
/** People and operations: closer to value, but not yet money, customers or risk. */
export const SOFT =
  /\b(?:customers?|clients?|users?|merchants?|shoppers?|buyers?|patients?|members?|subscribers?|students?|pupils|learners|children|kids|guests?|callers?|tenants?|residents|families|citizens|passengers|visitors|consumers?|productivity|throughput|workload|capacity|on-?call|pages|toil|manual [\w-]+|used by|deadlines?|applica(?:tions|nts)|candidates|frustrat\w*|turnaround|lead[- ]?times?|wait(?:ing)? (?:times?|lists?)|waits?|response times?|attendance|grades|leads|(?<!\b(?:on|load|build|query|compile|render|run|boot|startup|start-up|test|cpu|server|page) )time(?! ?zones?)|faster|quicker|developers?|engineers?|team'?s? time|failures|tickets?|backlog|pull requests|deploys?|releases?|trust|reputation|relationships?|morale|confidence|adoption)\b/;
/** A consequence told in any tense: "that stopped the refunds", "so we stop the weekly loss". */
export const STRONG_CONSEQUENCE =
  /\b(?:nobody|no-one|no (?:one|child|patient|guest|resident|customer|pupil|passenger|girl|boy|player|student)|zero|not a single|surviv\w*|earn(?:ed|s|ing)?|highest|kept|keeps?|without (?:anyone|anybody)|sav(?:ed|es|ing)|recover\w*|retain\w*|won|wins?|avoid\w*|prevent\w*|protect\w*|stop(?:s|ped)?|eliminat\w*|renew(?:s|ed)|unblock\w*|generat\w*|br(?:ought|ings?) in)\b/;
export const DIRECTION =
  /\b(?:fewer|less|lower|higher|more|reduced|increased|dropped|fell|rose|grew|down|up)\b/;
export const MOOD =
  /\b(?:[\w-]+ )?(?:team|everyone|manager|boss|people|colleagues|stakeholders|customers?|clients?|users?|drivers?|staff|students|developers|engineers) (?:was|were|felt|seemed|said they were) (?:(?:really|much|very|so|a lot|mostly) )?(?:happy|happier|pleased|glad|grateful|impressed|satisfied|relieved|calmer|ok|fine|less frustrated)\b/g;

/** A department named for what it does ("sales said", "the finance team") is a who, not a value. */
export const DEPARTMENT =
  /\b(?:sales|finance|marketing|compliance|safety|legal|billing|payroll|procurement|audit|fraud|support)(?: (?:team|department|dept|director|manager|lead|reps?|colleagues|people|ops))?(?= (?:said|told|asked|agreed|thanked|confirmed|praised|liked|loved|gave|sent|approved|signed off)\b)|\b(?:sales|finance|marketing|compliance|legal|billing|payroll|procurement|audit) (?:team|department|dept|director|manager|reps?|colleagues)\b/g;
/** Worth claimed in words that name no kind of value: "made a real difference to patients", "helped the business". */
export const VAGUE_WORTH =
  /\b(?:made|makes|making) (?:a |such a )?(?:real |big |huge |massive |great |significant |noticeable |positive |genuine )?(?:difference|impact)(?: (?:to|for|on) [\w\x27 -]{0,40})?|\b(?:helped|benefit(?:ed|ted)) (?:the |our )?(?:business|company|organi[sz]ation|team|customers?|patients?|clients?)\b|\b(?:good|great|better|positive) for (?:the |our )?(?:business|company|relationships?|customers?|clients?|patients?)(?: [\w\x27 -]{0,40})?/g;
